package dev.voiceconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code transcribe --max-line-chars}: checked before the audio or the model is looked at, said in one line. */
class TranscribeCommandLineLengthTest {

    @TempDir
    Path dir;

    private CliTest.Run transcribe(String maxLineChars) {
        return CliTest.run(
                "transcribe",
                dir.resolve("talk.wav").toString(),
                "--model",
                dir.resolve("no-model.bin").toString(),
                "--format",
                "srt",
                "--max-line-chars",
                maxLineChars);
    }

    @Test
    void aLengthOutOfRangeIsOneLineNamingTheRange() {
        for (String bad : new String[] {"9", "0", "-3", "201"}) {
            CliTest.Run run = transcribe(bad);
            assertThat(run.exitCode()).as(bad).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(run.err()).isEqualTo("voice-console: --max-line-chars must be 10..200, was " + bad + "\n");
        }
    }

    @Test
    void aLengthThatIsNotANumberIsOneLineWithoutAStackTrace() {
        CliTest.Run run = transcribe("wide");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err())
                .startsWith("voice-console: Invalid value for option '--max-line-chars': 'wide' is not an int\n")
                .doesNotContain("\tat ")
                .doesNotContain("Exception");
    }

    @Test
    void aLengthInRangeIsTakenAndWhatIsWrongNextIsTheMissingFile() {
        for (String good : new String[] {"10", "32", "200"}) {
            assertThat(transcribe(good).err())
                    .as(good)
                    .isEqualTo("voice-console: " + dir.resolve("talk.wav") + ": no such file\n");
        }
    }
}
