package dev.voiceconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceconsole.app.Main;
import dev.voiceconsole.audio.TestSignals;
import dev.voiceconsole.audio.WavWriter;
import dev.voiceconsole.testing.ChildProcessTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the command line says to someone finding their way: the nearest command to a typo, a help command, the
 * next step when a model is missing, option mistakes said before a model loads, and an empty journal as an answer.
 * The commands that depend on the user's folders run as the user runs them: the real launcher in its own process,
 * with its data folder ($XDG_DATA_HOME) in a fresh directory.
 */
@ChildProcessTest
class CliGuidanceTest {

    @TempDir
    Path dir;

    @Test
    void aMistypedCommandOrOptionNamesTheNearestOne() {
        CliTest.Run command = CliTest.run("trancribe", "talk.wav");
        assertThat(command.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(command.err().lines())
                .containsExactly(
                        "voice-console: 'trancribe' is not a command of voice-console; did you mean 'transcribe'?",
                        "Try 'voice-console help' for usage.");
        CliTest.Run subcommand = CliTest.run("models", "lst");
        assertThat(subcommand.err())
                .startsWith("voice-console: 'lst' is not a command of voice-console models; "
                        + "did you mean 'list'?\nTry 'voice-console models --help'");
        CliTest.Run option = CliTest.run("transcribe", "talk.wav", "--modle", "base.en");
        assertThat(option.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(option.err()).startsWith("voice-console: unknown option '--modle'; did you mean '--model'?\n");
    }

    @Test
    void helpIsACommandThatExplainsTheOthers() {
        CliTest.Run top = CliTest.run("help");
        assertThat(top.exitCode()).isZero();
        assertThat(top.out()).startsWith("Usage: voice-console").contains("  journal ", "  help ");
        CliTest.Run one = CliTest.run("help", "journal");
        assertThat(one.exitCode()).isZero();
        assertThat(one.out()).startsWith("Usage: voice-console journal").contains("Commands:", "  search ");
    }

    @Test
    void aLanguageIsCheckedBeforeTheModelIsEvenLookedFor() throws Exception {
        Path talk = Files.write(dir.resolve("talk.wav"), new byte[0]);
        Path noModel = dir.resolve("no-such-model.bin");
        CliTest.Run typo =
                CliTest.run("transcribe", talk.toString(), "--model", noModel.toString(), "--language", "englsh");
        assertThat(typo.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(typo.err())
                .isEqualTo("voice-console: --language englsh: not a language whisper knows; did you mean en "
                        + "(English)?\n");
        CliTest.Run unknown =
                CliTest.run("transcribe", talk.toString(), "--model", noModel.toString(), "--language", "qq");
        assertThat(unknown.err()).startsWith("voice-console: --language qq: not a language whisper knows; give a code");
        // A name, a region-qualified code and a code are languages: what is wrong next is the (empty) audio file.
        for (String language : List.of("German", "pt-BR", "de")) {
            CliTest.Run named =
                    CliTest.run("transcribe", talk.toString(), "--model", noModel.toString(), "--language", language);
            assertThat(named.err()).as(language).isEqualTo("voice-console: talk.wav is empty\n");
        }
    }

    @Test
    void aCatalogModelThatIsNotInstalledComesWithItsDownloadCommand() throws Exception {
        Path talk = dir.resolve("talk.wav");
        WavWriter.write(talk, 16_000, TestSignals.speechLike(1, 16_000, 3));
        Run known = launch("transcribe", talk.toString(), "--model", "base.en");
        assertThat(known.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(known.err())
                .isEqualTo("voice-console: base.en is not installed (" + models() + "); get it with "
                        + "'voice-console models download base.en' (142 MiB)\n");
        Run unknown = launch("transcribe", talk.toString(), "--model", "my-own-model");
        assertThat(unknown.err())
                .isEqualTo("voice-console: my-own-model: no such model file (nor a model of that name in " + models()
                        + "); 'voice-console models list' shows the models there are\n");
    }

    @Test
    void theJournalBeforeTheFirstDictationListsNothingAndSaysWhy() throws Exception {
        Run list = launch("journal", "list");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).isEmpty();
        assertThat(list.err()).isEqualTo("voice-console: the journal is empty: nothing dictated or transcribed yet\n");
        Run search = launch("journal", "search", "meeting");
        assertThat(search.exitCode()).isZero();
        assertThat(search.out()).isEmpty();
        Run show = launch("journal", "show", "1");
        assertThat(show.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(show.err()).isEqualTo("voice-console: no journal entry 1 (nothing dictated or transcribed yet)\n");
        assertThat(dir.resolve("data/voice-console/journal.db")).doesNotExist();
    }

    record Run(int exitCode, String out, String err) {}

    private Path models() {
        return dir.resolve("data/voice-console/models");
    }

    /** The launcher users run, in a process of its own whose data folder is this test's. */
    private Run launch(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().clear();
        builder.environment()
                .putAll(Map.of(
                        "HOME",
                        dir.toString(),
                        "XDG_DATA_HOME",
                        dir.resolve("data").toString(),
                        "XDG_CACHE_HOME",
                        dir.resolve("cache").toString()));
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("voice-console " + String.join(" ", args) + " did not exit within 60 s");
        }
        return new Run(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
