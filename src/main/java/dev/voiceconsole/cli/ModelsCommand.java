package dev.voiceconsole.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.voiceconsole.engine.GgmlModelInfo;
import dev.voiceconsole.engine.InvalidModelException;
import dev.voiceconsole.engine.ModelValidator;
import dev.voiceconsole.engine.WeightlessModelWriter;
import dev.voiceconsole.engine.WhisperHparams;
import dev.voiceconsole.models.CatalogModel;
import dev.voiceconsole.models.Checksum;
import dev.voiceconsole.models.ModelCatalog;
import dev.voiceconsole.models.ModelDirectory;
import dev.voiceconsole.models.ModelDownloadException;
import dev.voiceconsole.models.ModelDownloader;
import dev.voiceconsole.models.ModelStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code models …}: the catalog of whisper.cpp models, downloads into the user's model directory, checks, removal,
 * and the weightless model used to try the pipeline without weights.
 */
@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        description = {
            "List, download, verify and remove whisper.cpp models.",
            "Models live in $XDG_DATA_HOME/voice-console/models",
            "(~/.local/share/voice-console/models)."
        },
        subcommands = {
            ModelsCommand.ListModels.class,
            ModelsCommand.Download.class,
            ModelsCommand.Verify.class,
            ModelsCommand.Remove.class,
            ModelsCommand.MakeTestModel.class
        })
final class ModelsCommand implements Runnable {

    @Option(
            names = "--models-dir",
            paramLabel = "DIR",
            scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "model directory (default: the user's)")
    Path modelsDir;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    Path directory() {
        return modelsDir != null ? modelsDir : ModelDirectory.forCurrentUser().path();
    }

    ModelStore store() {
        return new ModelStore(directory(), ModelCatalog.standard());
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "The catalog, with the models installed here marked.")
    static final class ListModels implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        ModelsCommand parent;

        @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE})")
        String format;

        @Override
        public Integer call() throws IOException {
            ModelStore store = parent.store();
            java.util.Set<String> installed = new java.util.HashSet<>();
            for (ModelStore.InstalledModel m : store.installed()) {
                installed.add(m.file().getFileName().toString());
            }
            PrintWriter out = parent.spec.commandLine().getOut();
            List<CatalogModel> models = ModelCatalog.standard().models();
            if ("json".equals(format)) {
                var array = new ObjectMapper().createArrayNode();
                for (CatalogModel m : models) {
                    var o = array.addObject();
                    o.put("name", m.name());
                    o.put("file", m.fileName());
                    o.put("url", m.url().toString());
                    o.put("size", m.disk().orElse(null));
                    o.put("languages", m.languages());
                    o.put("quantization", m.quantization().orElse(null));
                    o.put("sha1", m.checksum().map(Checksum::hex).orElse(null));
                    o.put("installed", installed.contains(m.fileName()));
                }
                out.println(array.toPrettyString());
            } else if ("table".equals(format)) {
                out.printf(Locale.ROOT, "%-22s %-9s %-18s %-10s %s%n", "MODEL", "SIZE", "LANGUAGES", "CHECKSUM", "");
                for (CatalogModel m : models) {
                    out.printf(
                            Locale.ROOT,
                            "%-22s %-9s %-18s %-10s %s%n",
                            m.name(),
                            m.disk().orElse("?"),
                            m.languages(),
                            m.verifiable() ? "SHA-1" : "unverified",
                            installed.contains(m.fileName()) ? "installed" : "");
                }
            } else {
                throw new UserInputException("--format must be table or json, was '" + format + "'");
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "download",
            mixinStandardHelpOptions = true,
            description = {
                "Download a model from the catalog into the model directory.",
                "Resumes an interrupted download, and checks the published checksum and the file",
                "format before installing the model."
            })
    static final class Download implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        ModelsCommand parent;

        @Parameters(paramLabel = "NAME", description = "a catalog name, e.g. base.en (see models list)")
        String name;

        @Option(names = "--mirror", paramLabel = "URL", description = "fetch ggml-NAME.bin from this base URL instead")
        java.net.URI mirror;

        @Override
        public Integer call() throws Exception {
            CatalogModel model = ModelCatalog.standard(java.util.Optional.ofNullable(mirror))
                    .find(name)
                    .orElseThrow(
                            () -> new UserInputException("no model '" + name + "' in the catalog (see models list)"));
            PrintWriter err = parent.spec.commandLine().getErr();
            if (!model.verifiable()) {
                err.println("voice-console: " + name + " has no published checksum; it will be installed unverified");
            }
            ModelDownloader.Installed installed;
            try (ProgressBar bar = new ProgressBarBuilder()
                    .setTaskName(model.fileName())
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUnit(" MB", 1_000_000)
                    .showSpeed()
                    .continuousUpdate()
                    .build()) {
                installed = ModelDownloader.standard()
                        .download(
                                model,
                                parent.directory(),
                                (done, total) -> {
                                    if (total > 0) {
                                        bar.maxHint(total);
                                    }
                                    bar.stepTo(done);
                                },
                                () -> false);
            } catch (ModelDownloadException e) {
                throw new UserInputException(e.getMessage(), e);
            }
            parent.spec.commandLine().getOut().println(installed.file());
            return ExitCodes.OK;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Delete an installed model.")
    static final class Remove implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        ModelsCommand parent;

        @Parameters(paramLabel = "NAME", description = "catalog name or file name")
        String name;

        @Override
        public Integer call() throws IOException {
            if (!parent.store().remove(name)) {
                throw new UserInputException("no model '" + name + "' in " + parent.directory());
            }
            return ExitCodes.OK;
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = {"Check a ggml model file without loading it.", "Prints its hyper-parameters as JSON."})
    static final class Verify implements Callable<Integer> {

        @picocli.CommandLine.ParentCommand
        ModelsCommand parent;

        @Parameters(paramLabel = "NAME|PATH", description = "an installed model's name, or a model file")
        String nameOrPath;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            ModelStore store = parent.store();
            Path path = Files.exists(Path.of(nameOrPath))
                    ? Path.of(nameOrPath)
                    : store.find(nameOrPath)
                            .map(ModelStore.InstalledModel::file)
                            .orElseThrow(() -> new UserInputException(
                                    nameOrPath + ": no such model file (nor an installed model of that name in "
                                            + store.directory() + ")"));
            GgmlModelInfo info;
            try {
                info = ModelValidator.validateForThisMachine(path);
            } catch (InvalidModelException e) {
                throw new UserInputException(e.getMessage(), e);
            }
            ModelStore.VerifyResult checksum = store.verify(path);
            if (checksum.verification() == ModelStore.Verification.CHECKSUM_MISMATCH) {
                throw new UserInputException(
                        path + " failed its published checksum (" + checksum.detail() + "): download it again");
            }
            var json = new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .createObjectNode();
            json.put("file", path.toString());
            json.put("valid", true);
            json.put(
                    "checksum",
                    checksum.verification() == ModelStore.Verification.VERIFIED ? "verified" : "unverified");
            json.put("checksum_detail", checksum.detail());
            json.put("type", info.modelType());
            json.put("multilingual", info.multilingual());
            json.put("weightless", !info.hasTensors());
            json.put("tensors", info.tensorCount());
            json.put("size_bytes", info.fileSize());
            json.put("vocab_tokens", info.vocabSize());
            json.set("hparams", new ObjectMapper().valueToTree(info.hparams()));
            spec.commandLine().getOut().println(json.toPrettyString());
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "make-test-model",
            mixinStandardHelpOptions = true,
            description = {
                "Write a weightless model: a model file without weights.",
                "It holds hparams, mel filters and vocabulary, no tensors: whisper.cpp runs it at",
                "full cost and produces no text, for trying the pipeline and measuring it."
            })
    static final class MakeTestModel implements Callable<Integer> {

        @Parameters(paramLabel = "PATH", description = "file to write")
        Path path;

        @Option(
                names = "--shape",
                defaultValue = "tiny.en",
                description = "tiny.en or base.en (default: ${DEFAULT-VALUE})")
        String shape;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            WhisperHparams hparams = switch (shape) {
                case "tiny.en" -> WhisperHparams.tinyEn();
                case "base.en" -> WhisperHparams.baseEn();
                default -> throw new UserInputException("unknown --shape '" + shape + "' (use tiny.en or base.en)");
            };
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            WeightlessModelWriter.write(path, hparams);
            spec.commandLine().getOut().println(path);
            return ExitCodes.OK;
        }
    }
}
