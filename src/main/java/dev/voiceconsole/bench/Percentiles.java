package dev.voiceconsole.bench;

import java.util.Arrays;
import java.util.List;

/** Nearest-rank percentiles; a bench reports few samples, so no interpolation pretends to more precision. */
final class Percentiles {

    private Percentiles() {}

    static double of(List<Double> samples, double percentile) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
