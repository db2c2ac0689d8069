package dev.voiceconsole.client;

import java.util.Arrays;

/** Collects chunk round trips; keeps the last {@value #WINDOW} for percentiles so memory stays bounded. */
final class RoundTripTracker {

    private static final int WINDOW = 1024;

    private final double[] recent = new double[WINDOW];
    private long count;
    private double sum;
    private double max;
    private double last;

    synchronized void record(double ms) {
        recent[(int) (count % WINDOW)] = ms;
        count++;
        sum += ms;
        max = Math.max(max, ms);
        last = ms;
    }

    synchronized RoundTripStats snapshot() {
        if (count == 0) {
            return new RoundTripStats(0, 0, 0, 0, 0, 0, 0);
        }
        double[] sorted = Arrays.copyOf(recent, (int) Math.min(count, WINDOW));
        Arrays.sort(sorted);
        return new RoundTripStats(
                count,
                last,
                sum / count,
                percentile(sorted, 0.50),
                percentile(sorted, 0.95),
                percentile(sorted, 0.99),
                max);
    }

    private static double percentile(double[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
