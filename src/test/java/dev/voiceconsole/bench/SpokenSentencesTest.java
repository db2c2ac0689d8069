package dev.voiceconsole.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpokenSentencesTest {

    @Test
    void aMissingSynthesizerIsNamedBeforeAnythingIsSpoken(@TempDir Path dir) {
        SpokenSentences voice = new SpokenSentences("espeak-ng-not-installed-here", dir);
        assertThatThrownBy(voice::requireSynthesizer)
                .isInstanceOf(SynthesizerMissingException.class)
                .hasMessageContaining("espeak-ng-not-installed-here is not on the PATH");
        assertThatThrownBy(() -> voice.speech(new HeldOutSentence("h0", "en-us", "f3", 160, 50, "hello")))
                .isInstanceOf(SynthesizerMissingException.class);
    }

    @Test
    void espeakSpeechIsTrimmedToTheSpeechAndLeavesNoFiles(@TempDir Path dir) throws Exception {
        float[] speech =
                new SpokenSentences(dir).speech(new HeldOutSentence("h002", "en-us", "f3", 151, 44, "scratch that"));
        assertThat(speech.length / 16_000.0).isBetween(0.3, 2.0);
        // within the 80-sample margin of each end there is sound above espeak-ng's silence
        assertThat(maxAbs(speech, 0, 81)).isGreaterThan(0.004f);
        assertThat(maxAbs(speech, speech.length - 81, speech.length)).isGreaterThan(0.004f);
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void trimKeepsAMarginAroundTheSpeech() {
        float[] x = new float[1000];
        x[300] = 0.5f;
        x[600] = -0.5f;
        float[] t = SpokenSentences.trim(x);
        assertThat(t).hasSize(600 - 300 + 1 + 2 * 80);
        assertThat(t[80]).isEqualTo(0.5f);
        assertThat(t[t.length - 81]).isEqualTo(-0.5f);
    }

    private static float maxAbs(float[] x, int from, int to) {
        float m = 0;
        for (int i = from; i < to; i++) {
            m = Math.max(m, Math.abs(x[i]));
        }
        return m;
    }
}
