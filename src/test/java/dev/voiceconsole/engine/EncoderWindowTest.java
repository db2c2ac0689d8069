package dev.voiceconsole.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EncoderWindowTest {

    @ParameterizedTest(name = "{0} samples -> audio_ctx {1}")
    @CsvSource({
        "17600, 128", // 1.1 s (the padded minimum): 55 positions + 64 margin = 119 -> 128
        "32000, 192", // 2 s: 100 + 64 = 164 -> 192
        "48000, 256", // 3 s: 150 + 64 = 214 -> 256
        "160000, 576", // 10 s: 500 + 64 = 564 -> 576
        "440000, 1472", // 27.5 s: 1375 + 64 = 1439 -> 1472, still below the full window
        "456000, 0", // 28.5 s: 1425 + 64 = 1489 -> 1536 >= 1500: model default
        "480000, 0", // 30 s
        "720000, 0"
    }) // 45 s: whisper.cpp walks several full windows
    void sizesTheEncoderToTheAudioWithMargin(int samples, int expected) {
        assertThat(EncoderWindow.audioCtxFor(samples, 1500)).isEqualTo(expected);
    }

    @Test
    void windowAlwaysCoversTheAudioPlusMargin() {
        for (int samples = 1; samples <= 480_000; samples += 997) {
            int ctx = EncoderWindow.audioCtxFor(samples, 1500);
            if (ctx != 0) {
                double windowSeconds = ctx / 50.0;
                assertThat(windowSeconds).isGreaterThanOrEqualTo(samples / 16000.0 + 64 / 50.0);
                assertThat(ctx % 64).isZero();
            }
        }
    }

    @Test
    void smallerModelWindowCapsTheRequest() {
        assertThat(EncoderWindow.audioCtxFor(32000, 150)).isZero();
    }

    @Test
    void shortAudioIsPaddedWithSilenceIntoACopy() {
        float[] samples = TestAudio.tone(0.5, 440, 0.5);
        float[] original = samples.clone();

        float[] padded = EncoderWindow.padToMinimum(samples);

        assertThat(padded).hasSize(EncoderWindow.MIN_SAMPLES);
        assertThat(java.util.Arrays.copyOf(padded, samples.length)).containsExactly(original);
        for (int i = samples.length; i < padded.length; i++) {
            assertThat(padded[i]).isZero();
        }
        assertThat(samples).containsExactly(original);
    }

    @Test
    void audioAtLeastTheMinimumIsPassedAsIs() {
        float[] samples = TestAudio.tone(2, 440, 0.5);

        assertThat(EncoderWindow.padToMinimum(samples)).isSameAs(samples);
    }
}
