package dev.voiceconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceconsole.audio.WavWriter;
import dev.voiceconsole.engine.HeldOutSpeech;
import dev.voiceconsole.testing.ModelTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real decoder failure: an under-trained checkpoint of the fixture model turns a second of speech into long run-on
 * text that ignores the audio. Neither the batch nor the live path may deliver it, and the event stream says why.
 */
@ModelTest
class RunOnGuardTest {
    @TempDir
    static Path dir;

    static Path word;
    static double seconds;

    @BeforeAll
    static void oneWord() throws Exception {
        dev.voiceconsole.bench.HeldOutSentence scratchThat = HeldOutSpeech.entries().stream()
                .filter(e -> e.text().equals("scratch that"))
                .findFirst()
                .orElseThrow();
        float[] samples = HeldOutSpeech.utterance(scratchThat, dir).samples();
        seconds = samples.length / 16_000.0;
        word = dir.resolve("scratch-that.wav");
        WavWriter.write(word, 16_000, samples);
    }

    @Test
    void theEarlyCheckpointReallyRunsOn() throws Exception {
        // the premise: without the guard's rate bound this is what whisper.cpp returns
        try (var engine = dev.voiceconsole.engine.WhisperEngine.load(
                HeldOutSpeech.EARLY_MODEL, new dev.voiceconsole.engine.WhisperEngineSettings(2, 1, false))) {
            float[] samples =
                    dev.voiceconsole.audio.WavReader.readAs16kMono(word).samples();
            String text = engine.decode(samples, dev.voiceconsole.engine.DecodeRequest.defaults())
                    .text();
            assertThat(HeldOutSpeech.words(text).size()).isGreaterThan(50);
        }
    }

    @Test
    void batchDeliversNoRunOnSegment() {
        CliTest.Run run = CliTest.run(
                "transcribe", word.toString(), "--model", HeldOutSpeech.EARLY_MODEL.toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(HeldOutSpeech.words(run.out().replaceAll("\"[a-z_]+\"\\s*:", " "))
                        .size())
                .isLessThan(40);
    }

    @Test
    void liveDeliversNoRunOnTextAndSaysWhyInTheDecodeEvents() throws Exception {
        CliTest.Run run = CliTest.run(
                "transcribe",
                word.toString(),
                "--model",
                HeldOutSpeech.EARLY_MODEL.toString(),
                "--stream",
                "--pace",
                "0",
                "--no-acks");
        assertThat(run.exitCode()).as(run.err()).isZero();

        List<JsonNode> lines = run.jsonLines();
        int most = (int) Math.floor(seconds * 6) + 3;
        for (JsonNode line : lines) {
            String type = line.path("type").asText();
            if (type.equals("final")) {
                assertThat(HeldOutSpeech.words(line.get("final").path("text").asText())
                                .size())
                        .isLessThanOrEqualTo(most);
            }
            if (type.equals("partial")) {
                String all = line.get("partial").path("stable_text").asText() + " "
                        + line.get("partial").path("unstable_text").asText();
                assertThat(HeldOutSpeech.words(all).size()).isLessThanOrEqualTo(most);
            }
        }
        assertThat(lines)
                .filteredOn(l -> l.path("type").asText().equals("decode"))
                .anyMatch(l -> l.get("decode").path("guard_note").asText().startsWith("run-on text dropped"));
    }
}
