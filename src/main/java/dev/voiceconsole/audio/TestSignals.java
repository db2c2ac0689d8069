package dev.voiceconsole.audio;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic synthetic audio for tests, benchmarks and demos: tones, silence, noise, clicks and a speech-like
 * signal whose utterance boundaries are known exactly. Every random signal takes a seed.
 */
public final class TestSignals {

    /** Level of {@link #speechLike(double, int, long)} while voiced, as RMS in dBFS. */
    public static final double SPEECH_LIKE_DBFS = -20;

    /** One voiced burst, in samples: [startSample, endSample). */
    public record Utterance(int startSample, int endSample) {
        public double startSeconds(int rate) {
            return (double) startSample / rate;
        }

        public double endSeconds(int rate) {
            return (double) endSample / rate;
        }
    }

    /** Speech-like audio and where its bursts really are. */
    @SuppressWarnings("ArrayRecordComponent") // samples stay a float[]: a List<Float> takes ~5x the memory
    public record SpeechLike(float[] samples, int sampleRate, List<Utterance> utterances) {
        public SpeechLike {
            utterances = List.copyOf(utterances);
        }
    }

    private TestSignals() {}

    /** Linear amplitude for a level in dBFS (0 dBFS = full scale 1.0). */
    public static double dbfs(double db) {
        return Math.pow(10, db / 20);
    }

    public static int samples(double seconds, int rate) {
        if (seconds < 0) {
            throw new IllegalArgumentException("duration must not be negative, was " + seconds);
        }
        return (int) Math.round(seconds * rate);
    }

    public static float[] tone(double freqHz, double seconds, int rate, double amplitude) {
        float[] out = new float[samples(seconds, rate)];
        double w = 2 * Math.PI * freqHz / rate;
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (amplitude * Math.sin(w * i));
        }
        return out;
    }

    public static float[] silence(double seconds, int rate) {
        return new float[samples(seconds, rate)];
    }

    /** Gaussian white noise with the given RMS (e.g. {@code dbfs(-30)}). */
    public static float[] whiteNoise(double seconds, int rate, double rms, long seed) {
        Random random = new Random(seed);
        float[] out = new float[samples(seconds, rate)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (rms * random.nextGaussian());
        }
        return out;
    }

    /**
     * Rectangular clicks of {@code clickMs} every {@code intervalSeconds}, alternating in sign, the first one
     * half an interval in; silence in between.
     */
    public static float[] clicks(double seconds, int rate, double intervalSeconds, double clickMs, double amplitude) {
        float[] out = new float[samples(seconds, rate)];
        int length = Math.max(1, samples(clickMs / 1000, rate));
        int sign = 1;
        for (double t = intervalSeconds / 2; t < seconds; t += intervalSeconds) {
            int start = samples(t, rate);
            for (int i = start; i < Math.min(out.length, start + length); i++) {
                out[i] = (float) (sign * amplitude);
            }
            sign = -sign;
        }
        return out;
    }

    /** Speech-like audio at {@value #SPEECH_LIKE_DBFS} dBFS; see {@link #speechLikeLabelled}. */
    public static float[] speechLike(double seconds, int rate, long seed) {
        return speechLikeLabelled(seconds, rate, seed).samples();
    }

    /**
     * Alternating pauses (0.3 to 1 s of digital silence, one comes first) and voiced bursts (0.3 to 2 s): a
     * harmonic series on a gliding 100 to 220 Hz fundamental, amplitude-modulated at a syllable rate of 3 to 6 Hz
     * (dips to -14 dB, never silent) with 15 ms fades. Enough like speech that a VAD sees utterances.
     */
    public static SpeechLike speechLikeLabelled(double seconds, int rate, long seed) {
        Random random = new Random(seed);
        int total = samples(seconds, rate);
        float[] out = new float[total];
        List<Utterance> utterances = new ArrayList<>();
        int pos = samples(uniform(random, 0.3, 1.0), rate);
        while (true) {
            int length = samples(uniform(random, 0.3, 2.0), rate);
            int end = pos + length;
            // Keep at least a short pause after the last burst so its end is observable.
            if (end + samples(0.3, rate) > total) {
                break;
            }
            writeBurst(out, pos, length, rate, random);
            utterances.add(new Utterance(pos, end));
            pos = end + samples(uniform(random, 0.3, 1.0), rate);
        }
        return new SpeechLike(out, rate, utterances);
    }

    private static void writeBurst(float[] out, int start, int length, int rate, Random random) {
        double f0Start = uniform(random, 100, 220);
        double f0End = f0Start * uniform(random, 0.8, 1.2);
        double syllableHz = uniform(random, 3, 6);
        double syllablePhase = uniform(random, 0, 2 * Math.PI);
        double maxHarmonicHz = Math.min(3500, 0.45 * rate);
        int harmonics = (int) (maxHarmonicHz / Math.max(f0Start, f0End));
        double[] harmonicPhase = new double[harmonics + 1];
        double norm = 0;
        for (int k = 1; k <= harmonics; k++) {
            harmonicPhase[k] = uniform(random, 0, 2 * Math.PI);
            norm += 1.0 / (k * k);
        }
        // Harmonic k at amplitude 1/k; norm makes the carrier RMS equal to the target level.
        double gain = dbfs(SPEECH_LIKE_DBFS) * Math.sqrt(2 / norm);
        int fade = Math.max(1, samples(0.015, rate));
        double phase = 0;
        for (int i = 0; i < length; i++) {
            double t = (double) i / rate;
            double f0 = f0Start + (f0End - f0Start) * i / length;
            phase += 2 * Math.PI * f0 / rate;
            double v = 0;
            for (int k = 1; k <= harmonics; k++) {
                v += Math.sin(k * phase + harmonicPhase[k]) / k;
            }
            double envelope = 0.6 + 0.4 * Math.sin(2 * Math.PI * syllableHz * t + syllablePhase);
            double edge = Math.min(1, Math.min(i, length - 1 - i) / (double) fade);
            double fadeGain = 0.5 - 0.5 * Math.cos(Math.PI * edge);
            out[start + i] = (float) (gain * v * envelope * fadeGain);
        }
    }

    /** Sample-wise sum; the result is as long as the longer input. */
    public static float[] mix(float[] a, float[] b) {
        float[] out = new float[Math.max(a.length, b.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (i < a.length ? a[i] : 0) + (i < b.length ? b[i] : 0);
        }
        return out;
    }

    public static float[] concat(float[]... parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] out = new float[n];
        int pos = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        return out;
    }

    /** Interleaves equally long channels into one frame-ordered array. */
    public static float[] interleave(float[]... channels) {
        int frames = channels[0].length;
        float[] out = new float[frames * channels.length];
        for (int c = 0; c < channels.length; c++) {
            if (channels[c].length != frames) {
                throw new IllegalArgumentException("channels differ in length");
            }
            for (int i = 0; i < frames; i++) {
                out[i * channels.length + c] = channels[c][i];
            }
        }
        return out;
    }

    private static double uniform(Random random, double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }
}
