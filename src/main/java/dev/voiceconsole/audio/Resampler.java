package dev.voiceconsole.audio;

import java.util.Arrays;

/**
 * Streaming rational sample-rate converter: a polyphase FIR whose kernel is a Kaiser-windowed sinc.
 *
 * <p>Design: with {@code m = min(fromHz, toHz)} the pass band ends at {@code 0.4375 m} (7 kHz when either side
 * is 16 kHz) and the stop band starts at {@code 0.5 m} (the lower Nyquist frequency), so nothing folds into the
 * output when downsampling and no image survives when upsampling. The Kaiser window is sized by Kaiser's formulas
 * for {@value #DESIGN_ATTENUATION_DB} dB, which leaves a wide margin over the 60 dB the product needs.
 *
 * <p>Output sample {@code n} is the band-limited input evaluated at input time {@code n * fromHz / toHz}: the
 * output is time-aligned with the input (no group delay to compensate), at the price of a look-ahead of
 * {@link #lookaheadInputSamples()} input samples before an output can be computed. {@link #flush()} supplies the
 * missing future as zeros, so a whole stream of {@code N} samples yields exactly {@code ceil(N * toHz / fromHz)}.
 *
 * <p>The state is exact across chunk boundaries: any split of the input gives bit-identical output.
 * Not thread-safe; one instance per stream. The coefficient table is built once in {@link #create}.
 */
public final class Resampler {

    static final double DESIGN_ATTENUATION_DB = 80;
    private static final double PASS_EDGE = 0.4375; // of the lower rate
    private static final double STOP_EDGE = 0.5; // of the lower rate
    /** Above this many phases, coefficients are interpolated from a table of this many phases. */
    private static final int MAX_EXACT_PHASES = 2048;

    private static final int INTERPOLATED_PHASES = 1024;

    private final int fromHz;
    private final int toHz;
    private final int up; // L: output rate / gcd
    private final int down; // M: input rate / gcd
    private final int half; // H: kernel half-width in input samples
    private final int taps; // 2H taps per phase
    private final int phases; // rows in the table
    private final boolean interpolated;
    private final float[] table; // (phases + 1) rows of taps coefficients
    private final boolean identity;

    private float[] buf;
    private long bufStart; // absolute input index of buf[0]
    private int bufLen;
    private long inCount; // absolute input samples received
    private long base; // floor(t_n) of the next output
    private int phase; // numerator of frac(t_n), over up
    private boolean flushed;

    private Resampler(int fromHz, int toHz) {
        this.fromHz = fromHz;
        this.toHz = toHz;
        int g = gcd(fromHz, toHz);
        this.up = toHz / g;
        this.down = fromHz / g;
        this.identity = fromHz == toHz;
        double lower = Math.min(fromHz, toHz);
        double cutoff = (PASS_EDGE + STOP_EDGE) / 2 * lower / fromHz; // cycles per input sample
        double transition = (STOP_EDGE - PASS_EDGE) * lower / fromHz; // cycles per input sample
        double order = (DESIGN_ATTENUATION_DB - 7.95) / (14.36 * transition);
        this.half = identity ? 0 : (int) Math.ceil(order / 2);
        this.taps = 2 * half;
        this.interpolated = up > MAX_EXACT_PHASES;
        this.phases = interpolated ? INTERPOLATED_PHASES : up;
        this.table = identity ? new float[0] : buildTable(cutoff, kaiserBeta(DESIGN_ATTENUATION_DB));
        // Samples before the stream are silence: seed the history with zeros instead of branching per tap.
        this.buf = new float[Math.max(1024, 4 * taps)];
        this.bufStart = -half;
        this.bufLen = half;
    }

    /**
     * A converter from {@code fromHz} to {@code toHz} (each 1000..768000 Hz); equal rates give a pass-through.
     */
    public static Resampler create(int fromHz, int toHz) {
        if (fromHz < 1000 || fromHz > 768_000 || toHz < 1000 || toHz > 768_000) {
            throw new IllegalArgumentException(
                    "sample rates must be 1000..768000 Hz, got " + fromHz + " -> " + toHz + " Hz");
        }
        return new Resampler(fromHz, toHz);
    }

    /** Converts a whole signal at once (including the flushed tail). */
    public static float[] convert(float[] in, int fromHz, int toHz) {
        Resampler r = create(fromHz, toHz);
        float[] a = r.process(in);
        float[] b = r.flush();
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    public int fromHz() {
        return fromHz;
    }

    public int toHz() {
        return toHz;
    }

    /** Input samples an output waits for beyond its own instant (0 for a pass-through). */
    public int lookaheadInputSamples() {
        return half;
    }

    /** Latency from the last input sample to the output that covers it, in output samples (rounded up). */
    public long latencySamples() {
        return ((long) half * up + down - 1) / down;
    }

    /** Filter taps per output sample. */
    public int tapsPerPhase() {
        return taps;
    }

    /** Rows of the polyphase table (interpolated between neighbours when the rate ratio is irregular). */
    public int phaseCount() {
        return phases;
    }

    /** Feeds the next chunk; returns every output sample that the input so far determines. */
    public float[] process(float[] in) {
        if (flushed) {
            throw new IllegalStateException("resampler already flushed; create a new one for a new stream");
        }
        if (identity) {
            inCount += in.length;
            return in.clone();
        }
        append(in, in.length);
        return produce(Long.MAX_VALUE);
    }

    /** Ends the stream: returns the outputs that were waiting for look-ahead, computed as if silence followed. */
    public float[] flush() {
        if (flushed) {
            return new float[0];
        }
        flushed = true;
        if (identity) {
            return new float[0];
        }
        long end = inCount;
        append(new float[half], half);
        return produce(end);
    }

    private void append(float[] in, int n) {
        if (bufLen + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, bufLen + n));
        }
        System.arraycopy(in, 0, buf, bufLen, n);
        bufLen += n;
        inCount += n;
    }

    /** Computes outputs while their look-ahead is present and their instant lies before {@code endExclusive}. */
    private float[] produce(long endExclusive) {
        long lastBase = Math.min(inCount - 1 - half, endExclusive - 1);
        if (base > lastBase) {
            compact();
            return new float[0];
        }
        long capacity = ((lastBase - base + 1) * up) / down + 2;
        float[] out = new float[(int) capacity];
        int count = 0;
        final float[] b = buf;
        final float[] t = table;
        final int k = taps;
        while (base <= lastBase) {
            int start = (int) (base - half + 1 - bufStart);
            float y;
            if (interpolated) {
                long num = (long) phase * phases;
                int row = (int) (num / up);
                float w = (float) (num % up) / up;
                float y0 = dot(b, start, t, row * k, k);
                float y1 = dot(b, start, t, (row + 1) * k, k);
                y = y0 + w * (y1 - y0);
            } else {
                y = dot(b, start, t, phase * k, k);
            }
            out[count++] = y;
            phase += down;
            base += phase / up;
            phase %= up;
        }
        compact();
        return count == out.length ? out : Arrays.copyOf(out, count);
    }

    /** Four partial sums break the add dependency chain; the order is fixed, so results never depend on chunking. */
    private static float dot(float[] x, int xi, float[] h, int hi, int n) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += x[xi + i] * h[hi + i];
            s1 += x[xi + i + 1] * h[hi + i + 1];
            s2 += x[xi + i + 2] * h[hi + i + 2];
            s3 += x[xi + i + 3] * h[hi + i + 3];
        }
        for (; i < n; i++) {
            s0 += x[xi + i] * h[hi + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Drops history no future output can reach, keeping the buffer small on long streams. */
    private void compact() {
        long keepFrom = base - half + 1;
        int drop = (int) Math.min(bufLen, Math.max(0, keepFrom - bufStart));
        if (drop > 0 && drop >= bufLen / 2) {
            System.arraycopy(buf, drop, buf, 0, bufLen - drop);
            bufLen -= drop;
            bufStart += drop;
        }
    }

    private float[] buildTable(double cutoff, double beta) {
        float[] t = new float[(phases + 1) * taps];
        double i0Beta = besselI0(beta);
        double[] row = new double[taps];
        for (int r = 0; r <= phases; r++) {
            double offset = (double) r / phases;
            double sum = 0;
            for (int m = 0; m < taps; m++) {
                double tau = offset + half - 1 - m;
                double v = 0;
                double x = tau / half;
                if (Math.abs(x) < 1) {
                    v = 2 * cutoff * sinc(2 * cutoff * tau) * besselI0(beta * Math.sqrt(1 - x * x)) / i0Beta;
                }
                row[m] = v;
                sum += v;
            }
            // Unit row sums make DC gain exactly 1 in every phase, so no phase-dependent ripple at low frequencies.
            for (int m = 0; m < taps; m++) {
                t[r * taps + m] = (float) (row[m] / sum);
            }
        }
        return t;
    }

    static double kaiserBeta(double attenuationDb) {
        if (attenuationDb > 50) {
            return 0.1102 * (attenuationDb - 8.7);
        }
        if (attenuationDb >= 21) {
            return 0.5842 * Math.pow(attenuationDb - 21, 0.4) + 0.07886 * (attenuationDb - 21);
        }
        return 0;
    }

    private static double sinc(double x) {
        if (Math.abs(x) < 1e-12) {
            return 1;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series (converges fast for beta < 20). */
    static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 200; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    @Override
    public String toString() {
        return "Resampler[" + fromHz + " -> " + toHz + " Hz, " + up + "/" + down + ", " + taps + " taps x "
                + phases + (interpolated ? " interpolated" : "") + " phases, Kaiser beta="
                + String.format("%.3f", kaiserBeta(DESIGN_ATTENUATION_DB)) + "]";
    }
}
