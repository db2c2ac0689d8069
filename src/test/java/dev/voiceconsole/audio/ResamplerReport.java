package dev.voiceconsole.audio;

import java.util.Arrays;

/**
 * Not a test: prints the measured pass-band ripple, stop-band attenuation and single-core throughput.
 * Run: {@code java -cp target/classes:target/test-classes dev.voiceconsole.audio.ResamplerReport}
 */
public final class ResamplerReport {

    public static void main(String[] args) {
        response(48000, 16000);
        response(44100, 16000);
        response(8000, 16000);
        throughput(48000, 16000);
        throughput(44100, 16000);
        throughput(8000, 16000);
    }

    private static void response(int from, int to) {
        Resampler probe = Resampler.create(from, to);
        int lower = Math.min(from, to);
        double passEdge = 0.4375 * lower;
        double stopEdge = 0.5 * lower;
        double worstPass = 0;
        for (double f = 50; f <= passEdge; f += 50) {
            float[] out = steady(from, to, f);
            double g = ToneMeasure.db(ToneMeasure.fit(out, to, f, 0, out.length).amplitude() / 0.5);
            worstPass = Math.max(worstPass, Math.abs(g));
        }
        double worstStop = -400;
        double worstAt = 0;
        for (double f = stopEdge; f < from / 2.0; f += 37) {
            float[] out = steady(from, to, f);
            double a;
            if (to > from) {
                // Upsampling: the image of an in-band tone; measure the image of f' = 8000 - f mirrored.
                continue;
            }
            a = ToneMeasure.db(ToneMeasure.rms(out, 0, out.length) / (0.5 / Math.sqrt(2)));
            if (a > worstStop) {
                worstStop = a;
                worstAt = f;
            }
        }
        if (to > from) {
            for (double f = 50; f < from / 2.0 - 1; f += 50) {
                float[] out = steady(from, to, f);
                double img = from - f;
                if (img < stopEdge) {
                    continue;
                }
                double a = ToneMeasure.db(ToneMeasure.goertzelAmplitude(out, to, img, 0, out.length) / 0.5);
                if (a > worstStop) {
                    worstStop = a;
                    worstAt = img;
                }
            }
        }
        System.out.printf(
                "%s: pass 0-%.0f Hz worst |gain| %.5f dB; stop >= %.0f Hz worst %.1f dB (at %.0f Hz)%n",
                probe, passEdge, worstPass, stopEdge, worstStop, worstAt);
    }

    private static float[] steady(int from, int to, double f) {
        Resampler r = Resampler.create(from, to);
        float[] out = r.process(TestSignals.tone(f, 0.5, from, 0.5));
        int skip = (int) r.latencySamples() * 2 + 2;
        return Arrays.copyOfRange(out, skip, out.length);
    }

    private static void throughput(int from, int to) {
        float[] in = TestSignals.whiteNoise(10, from, 0.1, 1);
        float[] chunk = new float[from / 50]; // 20 ms chunks, as a live stream delivers them
        double best = 0;
        for (int rep = 0; rep < 8; rep++) {
            Resampler r = Resampler.create(from, to);
            long t0 = System.nanoTime();
            long outs = 0;
            for (int pos = 0; pos + chunk.length <= in.length; pos += chunk.length) {
                System.arraycopy(in, pos, chunk, 0, chunk.length);
                outs += r.process(chunk).length;
            }
            double s = (System.nanoTime() - t0) / 1e9;
            best = Math.max(best, in.length / s / 1e6);
            if (outs == 0) {
                throw new AssertionError();
            }
        }
        System.out.printf(
                "throughput %d -> %d: %.1f M input samples/s on one core = %.0f x real time%n",
                from, to, best, best * 1e6 / from);
    }
}
