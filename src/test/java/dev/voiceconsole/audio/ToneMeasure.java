package dev.voiceconsole.audio;

/** Measurements on test tones: least-squares sinusoid fit, residual after the fit, RMS. */
final class ToneMeasure {

    private ToneMeasure() {}

    /** Fitted amplitude and what remains once that sinusoid is subtracted. */
    record Fit(double amplitude, double residualRms) {}

    /** Fits a*sin + b*cos (+ DC) at {@code freq} over samples [from, to) by least squares. */
    static Fit fit(float[] x, int rate, double freq, int from, int to) {
        // 3x3 normal equations for [sin, cos, 1].
        double[][] a = new double[3][3];
        double[] r = new double[3];
        for (int n = from; n < to; n++) {
            double ph = 2 * Math.PI * freq * n / rate;
            double[] v = {Math.sin(ph), Math.cos(ph), 1};
            for (int i = 0; i < 3; i++) {
                r[i] += v[i] * x[n];
                for (int j = 0; j < 3; j++) {
                    a[i][j] += v[i] * v[j];
                }
            }
        }
        double[] c = solve3(a, r);
        double sq = 0;
        for (int n = from; n < to; n++) {
            double ph = 2 * Math.PI * freq * n / rate;
            double e = x[n] - (c[0] * Math.sin(ph) + c[1] * Math.cos(ph) + c[2]);
            sq += e * e;
        }
        return new Fit(Math.hypot(c[0], c[1]), Math.sqrt(sq / (to - from)));
    }

    static double rms(float[] x, int from, int to) {
        double sq = 0;
        for (int n = from; n < to; n++) {
            sq += (double) x[n] * x[n];
        }
        return Math.sqrt(sq / (to - from));
    }

    /** Amplitude of the component at {@code freq} (Goertzel, normalised so a unit sine reads 1). */
    static double goertzelAmplitude(float[] x, int rate, double freq, int from, int to) {
        double w = 2 * Math.PI * freq / rate;
        double coeff = 2 * Math.cos(w);
        double s1 = 0, s2 = 0;
        int n = to - from;
        for (int i = from; i < to; i++) {
            // Hann window keeps leakage from the strong in-band tone out of the measured bin.
            double win = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i - from) / (n - 1));
            double s = x[i] * win + coeff * s1 - s2;
            s2 = s1;
            s1 = s;
        }
        double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        return 2 * Math.sqrt(Math.max(power, 0)) / (n * 0.5);
    }

    static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }

    private static double[] solve3(double[][] a, double[] b) {
        double det = det3(a);
        double[] x = new double[3];
        for (int k = 0; k < 3; k++) {
            double[][] m = new double[3][];
            for (int i = 0; i < 3; i++) {
                m[i] = a[i].clone();
                m[i][k] = b[i];
            }
            x[k] = det3(m) / det;
        }
        return x;
    }

    private static double det3(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }
}
