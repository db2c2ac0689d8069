package dev.voiceconsole.bench;

import java.util.List;

/**
 * How a series of memory samples moves: the least-squares slope over the samples after a warm-up, per hour, in
 * bytes and as a share of the first sample after the warm-up. A slope over a short run is a noisy extrapolation:
 * report the run's length with it.
 */
public record MemoryTrend(
        int samples,
        double firstBytes,
        double lastBytes,
        double minBytes,
        double maxBytes,
        double bytesPerHour,
        double percentPerHour) {

    /** One sample: seconds since the start, and bytes. */
    public record Sample(double atS, double bytes) {}

    /**
     * Fits the trend to the samples.
     *
     * @param samples after the warm-up, oldest first; at least two
     */
    public static MemoryTrend of(List<Sample> samples) {
        if (samples.size() < 2) {
            throw new IllegalArgumentException("a trend needs at least two samples, got " + samples.size());
        }
        double meanT = samples.stream().mapToDouble(Sample::atS).average().orElseThrow();
        double meanB = samples.stream().mapToDouble(Sample::bytes).average().orElseThrow();
        double covariance = 0;
        double variance = 0;
        for (Sample s : samples) {
            covariance += (s.atS() - meanT) * (s.bytes() - meanB);
            variance += (s.atS() - meanT) * (s.atS() - meanT);
        }
        double perSecond = variance == 0 ? 0 : covariance / variance;
        double first = samples.get(0).bytes();
        return new MemoryTrend(
                samples.size(),
                first,
                samples.get(samples.size() - 1).bytes(),
                samples.stream().mapToDouble(Sample::bytes).min().orElseThrow(),
                samples.stream().mapToDouble(Sample::bytes).max().orElseThrow(),
                perSecond * 3600,
                first == 0 ? 0 : perSecond * 3600 / first * 100);
    }
}
