package dev.voiceconsole.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.voiceconsole.engine.GgmlModelInfo;
import dev.voiceconsole.engine.InvalidModelException;
import dev.voiceconsole.engine.ModelValidator;
import dev.voiceconsole.engine.WeightlessModelWriter;
import dev.voiceconsole.engine.WhisperHparams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code models …}: check model files, and write the weightless model used to try the pipeline without weights. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Inspect and check whisper.cpp model files.",
        subcommands = {ModelsCommand.Verify.class, ModelsCommand.MakeTestModel.class})
final class ModelsCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Validate a ggml model file without loading it and print its hyper-parameters as JSON.")
    static final class Verify implements Callable<Integer> {

        @Parameters(paramLabel = "PATH", description = "model file")
        Path path;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            GgmlModelInfo info;
            try {
                info = ModelValidator.validate(path);
            } catch (InvalidModelException e) {
                throw new UserInputException(e.getMessage(), e);
            }
            var json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).createObjectNode();
            json.put("file", path.toString());
            json.put("valid", true);
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

    @Command(name = "make-test-model", mixinStandardHelpOptions = true,
            description = {"Write a weightless model (hparams, mel filters, vocabulary, no tensors).",
                    "whisper.cpp runs it at full cost and produces no text: for trying the pipeline and measuring it."})
    static final class MakeTestModel implements Callable<Integer> {

        @Parameters(paramLabel = "PATH", description = "file to write")
        Path path;

        @Option(names = "--shape", defaultValue = "tiny.en", description = "tiny.en or base.en (default: ${DEFAULT-VALUE})")
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
