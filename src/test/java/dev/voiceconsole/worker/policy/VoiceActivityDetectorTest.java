package dev.voiceconsole.worker.policy;

import static dev.voiceconsole.audio.TestSignals.concat;
import static dev.voiceconsole.audio.TestSignals.dbfs;
import static dev.voiceconsole.audio.TestSignals.mix;
import static dev.voiceconsole.audio.TestSignals.silence;
import static dev.voiceconsole.audio.TestSignals.tone;
import static dev.voiceconsole.audio.TestSignals.whiteNoise;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceconsole.audio.TestSignals;
import dev.voiceconsole.audio.TestSignals.Utterance;
import dev.voiceconsole.worker.policy.VadTransition.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VoiceActivityDetectorTest {

    private static final int RATE = 16000;
    private static final int MS = RATE / 1000;
    private static final VadSettings DEFAULTS = VadSettings.defaults(); // 12 dB, 300 ms pre-roll, 400 ms hang-over

    private static List<VadTransition> run(VadSettings settings, float[] audio, int chunk) {
        VoiceActivityDetector vad = new VoiceActivityDetector(settings);
        List<VadTransition> out = new ArrayList<>();
        for (int pos = 0; pos < audio.length; pos += chunk) {
            out.addAll(vad.process(Arrays.copyOfRange(audio, pos, Math.min(audio.length, pos + chunk))));
        }
        out.addAll(vad.finish());
        return out;
    }

    private static List<VadTransition> run(float[] audio) {
        return run(DEFAULTS, audio, 320);
    }

    /** A voice-like tone: 150 Hz fundamental with a few harmonics, at -20 dBFS RMS. */
    private static float[] voiced(double seconds) {
        float[] v = new float[TestSignals.samples(seconds, RATE)];
        for (int k = 1; k <= 6; k++) {
            v = mix(v, tone(150 * k, seconds, RATE, 0.12 / k));
        }
        return v;
    }

    @Test
    void silenceAndSubGateNoiseNeverStartSpeech() {
        assertThat(run(silence(10, RATE))).isEmpty();
        assertThat(run(whiteNoise(10, RATE, dbfs(-70), 1))).isEmpty();
        // Even a clearly voiced sound is not speech below the absolute gate.
        assertThat(run(concat(silence(1, RATE), tone(200, 2, RATE, dbfs(-62))))).isEmpty();
    }

    @Test
    void speechLikeBurstsAreFoundWithPreRollAndTail() {
        VadSettings settings = new VadSettings(12f, 300, 250, 120); // every pause (>= 300 ms) splits
        TestSignals.SpeechLike speech = TestSignals.speechLikeLabelled(30, RATE, 42);
        List<Utterance> truth = speech.utterances();
        assertThat(truth).hasSizeGreaterThan(10);

        List<VadTransition> found = run(settings, speech.samples(), 320);

        assertThat(found).hasSize(2 * truth.size());
        for (int i = 0; i < truth.size(); i++) {
            VadTransition start = found.get(2 * i);
            VadTransition end = found.get(2 * i + 1);
            assertThat(start.kind()).isEqualTo(Kind.START);
            assertThat(end.kind()).isEqualTo(Kind.END);
            long expectedStart = Math.max(0, truth.get(i).startSample() - 300 * MS);
            assertThat(start.samplePosition())
                    .as("start of utterance %d", i)
                    .isBetween(expectedStart - 20 * MS, expectedStart + 10 * MS);
            long expectedEnd = truth.get(i).endSample() + (long) VoiceActivityDetector.TAIL_MS * MS;
            assertThat(end.samplePosition())
                    .as("end of utterance %d", i)
                    .isBetween(expectedEnd - 30 * MS, expectedEnd + 20 * MS);
        }
    }

    @Test
    void startIsReportedWithinMinSpeechPlusOneFrameOfOnset() {
        float[] audio = concat(silence(1.0, RATE), voiced(1.0), silence(1.0, RATE));
        VoiceActivityDetector vad = new VoiceActivityDetector(DEFAULTS);
        long reportedAt = -1;
        for (int pos = 0; pos < audio.length && reportedAt < 0; pos += 10 * MS) {
            if (!vad.process(Arrays.copyOfRange(audio, pos, pos + 10 * MS)).isEmpty()) {
                reportedAt = vad.samplesProcessed();
            }
        }
        assertThat(reportedAt).isBetween((long) RATE + 120 * MS, (long) RATE + 130 * MS);
        assertThat(vad.inSpeech()).isTrue();
    }

    @Test
    void pauseShorterThanHangoverDoesNotSplitLongerOneDoes() {
        float[] shortPause = concat(silence(0.5, RATE), voiced(1), silence(0.3, RATE), voiced(1), silence(1, RATE));
        float[] longPause = concat(silence(0.5, RATE), voiced(1), silence(0.6, RATE), voiced(1), silence(1, RATE));

        assertThat(run(shortPause)).extracting(VadTransition::kind).containsExactly(Kind.START, Kind.END);
        List<VadTransition> split = run(longPause);
        assertThat(split).extracting(VadTransition::kind).containsExactly(Kind.START, Kind.END, Kind.START, Kind.END);
        // First utterance ends 1.5 s in; its END comes with the tail, not the hang-over.
        assertThat(split.get(1).samplePosition()).isEqualTo(1500L * MS + 100 * MS);
        assertThat(split.get(2).samplePosition()).isEqualTo(2100L * MS - 300 * MS);
    }

    @Test
    void endIsOnlyReportedAfterTheHangover() {
        VoiceActivityDetector vad = new VoiceActivityDetector(DEFAULTS);
        vad.process(concat(silence(0.5, RATE), voiced(0.5)));
        assertThat(vad.inSpeech()).isTrue();
        assertThat(vad.process(silence(0.39, RATE))).isEmpty();
        assertThat(vad.process(silence(0.02, RATE))).containsExactly(new VadTransition(Kind.END, 1100L * MS));
        assertThat(vad.inSpeech()).isFalse();
    }

    @Test
    void clicksShorterThanMinSpeechNeverStartSpeech() {
        assertThat(run(TestSignals.clicks(6, RATE, 0.5, 5, 0.8))).isEmpty();
        // A voiced burst just under the minimum does not start either; one just over does.
        assertThat(run(concat(silence(0.5, RATE), voiced(0.09), silence(1, RATE))))
                .isEmpty();
        assertThat(run(concat(silence(0.5, RATE), voiced(0.15), silence(1, RATE))))
                .extracting(VadTransition::kind)
                .containsExactly(Kind.START, Kind.END);
    }

    @Test
    void steadyNoiseFromTheFirstSampleNeverCountsAsSpeech() {
        assertThat(run(whiteNoise(10, RATE, dbfs(-30), 5))).isEmpty();
        assertThat(run(whiteNoise(10, RATE, dbfs(-12), 6))).isEmpty();
    }

    @Test
    void noiseSwitchedOnMidStreamIsAbsorbedByTheFloor() {
        float[] audio = concat(silence(3, RATE), whiteNoise(6, RATE, dbfs(-30), 7));
        VoiceActivityDetector vad = new VoiceActivityDetector(DEFAULTS);
        assertThat(vad.process(audio)).isEmpty();
        assertThat(vad.noiseFloorDb()).isBetween(-33.0, -30.0);
    }

    @Test
    void lowFrequencyRumbleDoesNotPassForAVoice() {
        // Brown-ish noise (integrated white noise): strong short-lag correlation, like a fan or traffic.
        float[] white = whiteNoise(8, RATE, 1, 8);
        float[] rumble = new float[white.length];
        double acc = 0;
        for (int i = 0; i < white.length; i++) {
            acc = 0.995 * acc + white[i];
            rumble[i] = (float) (acc * 0.003);
        }
        assertThat(run(rumble)).isEmpty();
    }

    @Test
    void speechOverBackgroundNoiseIsStillFound() {
        TestSignals.SpeechLike speech = TestSignals.speechLikeLabelled(20, RATE, 9);
        float[] audio = mix(concat(silence(3, RATE), speech.samples()), whiteNoise(23, RATE, dbfs(-42), 10));
        VadSettings settings = new VadSettings(12f, 300, 250, 120);

        List<VadTransition> found = run(settings, audio, 480);

        List<VadTransition> starts =
                found.stream().filter(t -> t.kind() == Kind.START).toList();
        assertThat(starts).hasSameSizeAs(speech.utterances());
        for (int i = 0; i < starts.size(); i++) {
            long expected = 3L * RATE + speech.utterances().get(i).startSample() - 300 * MS;
            // In noise, an onset in a syllable dip can sit under the threshold for a frame or two.
            assertThat(starts.get(i).samplePosition()).isBetween(expected - 20 * MS, expected + 40 * MS);
        }
    }

    @Test
    void speechRightAtTheStartIsFoundAndStartClampsToZero() {
        List<VadTransition> found = run(concat(voiced(1), silence(1, RATE)));
        assertThat(found).containsExactly(new VadTransition(Kind.START, 0), new VadTransition(Kind.END, 1100L * MS));
    }

    @Test
    void finishClosesAnOpenUtterance() {
        VoiceActivityDetector vad = new VoiceActivityDetector(DEFAULTS);
        vad.process(concat(silence(0.5, RATE), voiced(1)));
        assertThat(vad.finish()).containsExactly(new VadTransition(Kind.END, 1500L * MS));
        assertThat(vad.inSpeech()).isFalse();
        assertThat(vad.finish()).isEmpty();
    }

    @Test
    void chunkSizesDoNotChangeTheResult() {
        float[] audio = mix(TestSignals.speechLike(12, RATE, 77), whiteNoise(12, RATE, dbfs(-45), 78));
        List<VadTransition> whole = run(DEFAULTS, audio, audio.length);
        assertThat(whole).hasSizeGreaterThanOrEqualTo(4);

        assertThat(run(DEFAULTS, audio, 7)).isEqualTo(whole);
        assertThat(run(DEFAULTS, audio, 160)).isEqualTo(whole);

        VoiceActivityDetector vad = new VoiceActivityDetector(DEFAULTS);
        List<VadTransition> random = new ArrayList<>();
        Random r = new Random(3);
        int pos = 0;
        while (pos < audio.length) {
            int n = Math.min(audio.length - pos, r.nextInt(2000));
            random.addAll(vad.process(Arrays.copyOfRange(audio, pos, pos + n)));
            pos += n;
        }
        random.addAll(vad.finish());
        assertThat(random).isEqualTo(whole);
        assertThat(vad.samplesProcessed()).isEqualTo(audio.length);
    }
}
