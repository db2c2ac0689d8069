package dev.voiceconsole.audio;

import static dev.voiceconsole.audio.ToneMeasure.db;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {

    private static final double AMPLITUDE = 0.5;

    /** Output of a steady tone, without the start-up transient (no flush, so no end transient either). */
    private static float[] steadyOutput(int from, int to, double freq, double seconds) {
        Resampler r = Resampler.create(from, to);
        float[] out = processInChunks(r, TestSignals.tone(freq, seconds, from, AMPLITUDE), 4096);
        int skip = (int) r.latencySamples() * 2 + 2;
        return Arrays.copyOfRange(out, skip, out.length);
    }

    private static float[] processInChunks(Resampler r, float[] in, int chunk) {
        float[] out = new float[0];
        for (int pos = 0; pos < in.length; pos += chunk) {
            float[] part = r.process(Arrays.copyOfRange(in, pos, Math.min(in.length, pos + chunk)));
            out = TestSignals.concat(out, part);
        }
        return out;
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz passes {2} Hz")
    @CsvSource({
        "48000,16000,100",
        "48000,16000,1000",
        "48000,16000,3000",
        "48000,16000,5000",
        "48000,16000,6900",
        "48000,16000,7000",
        "44100,16000,100",
        "44100,16000,1000",
        "44100,16000,3000",
        "44100,16000,5000",
        "44100,16000,6900",
        "44100,16000,7000",
        "8000,16000,300",
        "8000,16000,1000",
        "8000,16000,3400",
        "8000,16000,3500",
        "44099,16000,1000",
        "44099,16000,6900",
        "16000,48000,5000"
    })
    void passBandToneKeepsItsAmplitudeAndGainsNothingElse(int from, int to, double freq) {
        float[] out = steadyOutput(from, to, freq, 1.0);

        ToneMeasure.Fit fit = ToneMeasure.fit(out, to, freq, 0, out.length);

        assertThat(db(fit.amplitude() / AMPLITUDE)).as("pass-band gain in dB").isBetween(-0.5, 0.5);
        // Whatever is left after removing the tone is aliasing, imaging or distortion, at any frequency.
        assertThat(db(fit.residualRms() / (AMPLITUDE / Math.sqrt(2))))
                .as("residual in dB")
                .isLessThan(-60);
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz removes {2} Hz")
    @CsvSource({
        "48000,16000,8100",
        "48000,16000,8500",
        "48000,16000,10000",
        "48000,16000,15000",
        "48000,16000,20000",
        "48000,16000,23900",
        "44100,16000,8100",
        "44100,16000,8500",
        "44100,16000,10000",
        "44100,16000,15000",
        "44100,16000,20000",
        "44099,16000,10000"
    })
    void toneAboveOutputNyquistLeavesNothingAtAnyFrequency(int from, int to, double freq) {
        float[] out = steadyOutput(from, to, freq, 1.0);

        double outRms = ToneMeasure.rms(out, 0, out.length);

        assertThat(db(outRms / (AMPLITUDE / Math.sqrt(2))))
                .as("total output in dB")
                .isLessThan(-60);
    }

    @ParameterizedTest(name = "8 kHz -> 16 kHz: image of {0} Hz at 8000-{0} Hz")
    @CsvSource({"300", "1000", "3000", "3400", "3500"})
    void upsamplingImageIsSuppressed(double freq) {
        float[] out = steadyOutput(8000, 16000, freq, 1.0);

        // Zero-stuffing by 2 mirrors a tone f around 4 kHz: the image sits at 8000 - f.
        double image = ToneMeasure.goertzelAmplitude(out, 16000, 8000 - freq, 0, out.length);
        double tone = ToneMeasure.goertzelAmplitude(out, 16000, freq, 0, out.length);

        assertThat(db(tone / AMPLITUDE)).as("Goertzel sees the tone itself").isBetween(-0.5, 0.5);
        assertThat(db(image / AMPLITUDE)).as("image level in dB").isLessThan(-60);
    }

    @Test
    void withoutTheFilterTheImageWouldBeThere() {
        // Guards the Goertzel check above: naive zero-order hold upsampling has a strong image at 8000 - f.
        float[] in = TestSignals.tone(1000, 1.0, 8000, AMPLITUDE);
        float[] held = new float[in.length * 2];
        for (int i = 0; i < held.length; i++) {
            held[i] = in[i / 2];
        }
        double image = ToneMeasure.goertzelAmplitude(held, 16000, 7000, 0, held.length);
        assertThat(db(image / AMPLITUDE)).isGreaterThan(-30);
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz is chunk-exact")
    @CsvSource({"48000,16000", "44100,16000", "8000,16000", "44099,16000", "16000,16000", "22050,16000", "16000,44100"})
    void arbitraryChunkingGivesIdenticalOutput(int from, int to) {
        float[] in = TestSignals.mix(TestSignals.speechLike(1.5, from, 3), TestSignals.whiteNoise(1.5, from, 0.05, 4));
        float[] whole = Resampler.convert(in, from, to);

        Random random = new Random(11);
        Resampler r = Resampler.create(from, to);
        float[] pieces = new float[0];
        int pos = 0;
        while (pos < in.length) {
            int n = random.nextInt(5) == 0 ? random.nextInt(3) : 1 + random.nextInt(3000);
            n = Math.min(n, in.length - pos);
            pieces = TestSignals.concat(pieces, r.process(Arrays.copyOfRange(in, pos, pos + n)));
            pos += n;
        }
        pieces = TestSignals.concat(pieces, r.flush());

        assertThat(pieces).isEqualTo(whole);
        assertThat((long) whole.length).isEqualTo(((long) in.length * to + from - 1) / from);
    }

    @Test
    void outputIsTimeAlignedWithInput() {
        // An impulse at input sample 3000 (48 kHz) is at 1000 at 16 kHz: the peak must land there, not later.
        float[] in = new float[6000];
        in[3000] = 1;
        float[] out = Resampler.convert(in, 48000, 16000);
        int peak = 0;
        for (int i = 1; i < out.length; i++) {
            if (Math.abs(out[i]) > Math.abs(out[peak])) {
                peak = i;
            }
        }
        assertThat(peak).isEqualTo(1000);
    }

    @Test
    void constantInputComesOutAtUnitGain() {
        float[] in = new float[48000];
        Arrays.fill(in, 0.25f);
        Resampler r = Resampler.create(44100, 16000);
        float[] out = r.process(in);
        for (int i = (int) r.latencySamples() * 2; i < out.length; i++) {
            assertThat(out[i]).isCloseTo(0.25f, within(1e-5f));
        }
    }

    @Test
    void equalRatesPassThrough() {
        float[] in = TestSignals.whiteNoise(0.1, 16000, 0.1, 1);
        Resampler r = Resampler.create(16000, 16000);
        assertThat(r.process(in)).isEqualTo(in);
        assertThat(r.flush()).isEmpty();
        assertThat(r.latencySamples()).isZero();
    }

    @Test
    void processAfterFlushIsRefused() {
        Resampler r = Resampler.create(48000, 16000);
        r.process(new float[100]);
        r.flush();
        assertThat(r.flush()).isEmpty();
        assertThatThrownBy(() -> r.process(new float[1])).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void unreasonableRatesAreRefused() {
        assertThatThrownBy(() -> Resampler.create(0, 16000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 -> 16000");
    }
}
