package dev.voiceconsole.ui.latency;

import dev.voiceconsole.ui.common.BackgroundFiles;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The latency charts' data: per metric the samples of the visible window (the last {@code windowS} seconds) with
 * their p50 and p95. Fed in batches a few times a second, on the UI thread, so the charts redraw at most that often.
 */
public final class LatencyViewModel {

    /** One chart. */
    public static final class Series {
        private final LatencyMetric metric;
        private final ObservableList<LatencySample> points = FXCollections.observableArrayList();
        // One wrapper for everyone: a listener on a throw-away wrapper dies with it at the next GC.
        private final ObservableList<LatencySample> readOnlyPoints = FXCollections.unmodifiableObservableList(points);
        private final ReadOnlyDoubleWrapper p50 = new ReadOnlyDoubleWrapper(Double.NaN);
        private final ReadOnlyDoubleWrapper p95 = new ReadOnlyDoubleWrapper(Double.NaN);
        private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("no samples yet");

        private Series(LatencyMetric metric) {
            this.metric = metric;
        }

        public LatencyMetric metric() {
            return metric;
        }

        public ObservableList<LatencySample> points() {
            return readOnlyPoints;
        }

        public ReadOnlyDoubleProperty p50Property() {
            return p50.getReadOnlyProperty();
        }

        public ReadOnlyDoubleProperty p95Property() {
            return p95.getReadOnlyProperty();
        }

        /** e.g. "p50 12.3 ms · p95 40.0 ms (n = 31)". */
        public ReadOnlyStringProperty summaryProperty() {
            return summary.getReadOnlyProperty();
        }

        private void publish(List<LatencySample> added, double windowS) {
            if (!added.isEmpty()) {
                double newest = added.get(added.size() - 1).atS();
                int drop = 0;
                while (drop < points.size() && points.get(drop).atS() < newest - windowS) {
                    drop++;
                }
                // One change per batch: the chart lays out once, not once per point.
                if (drop > 0) {
                    points.remove(0, drop);
                }
                points.addAll(
                        added.stream().filter(s -> s.atS() >= newest - windowS).toList());
            }
            double[] sorted =
                    points.stream().mapToDouble(LatencySample::valueMs).toArray();
            Arrays.sort(sorted);
            p50.set(percentile(sorted, 0.50));
            p95.set(percentile(sorted, 0.95));
            summary.set(
                    sorted.length == 0
                            ? "no samples yet"
                            : String.format(
                                    Locale.ROOT,
                                    "p50 %.1f ms · p95 %.1f ms (n = %d)",
                                    p50.get(),
                                    p95.get(),
                                    sorted.length));
        }

        private void clear() {
            points.clear();
            publish(List.of(), 0);
        }
    }

    /** The final-text goal docs/benchmarks.md measures against: speech end → final, p50. */
    static final double TIME_TO_TEXT_GOAL_MS = 600;

    static final String NOT_MEASURED = "Time to text: not measured yet. Dictate a sentence: the time from when you"
            + " stop speaking to its final text shows here.";

    private final Map<LatencyMetric, Series> series = new EnumMap<>(LatencyMetric.class);
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper(this, "headline", NOT_MEASURED);
    private final LatencyRecorder recorder;
    private final double windowS;

    private final BackgroundFiles files;

    /** The time of day a sample was taken, for the charts' axes. */
    public java.time.Instant wallClockAt(double atS) {
        return recorder.wallClockAt(atS);
    }

    public LatencyViewModel(LatencyRecorder recorder, double windowS, BackgroundFiles files) {
        this.recorder = recorder;
        this.files = files;
        this.windowS = windowS;
        for (LatencyMetric m : LatencyMetric.values()) {
            series.put(m, new Series(m));
        }
    }

    public Series series(LatencyMetric metric) {
        return series.get(metric);
    }

    public double windowSeconds() {
        return windowS;
    }

    /**
     * The one number a person cares about, above the engineering charts: "Time to text: 0.34 s (p50 of 12 sentences
     * in the last 60 s), within the 0.6 s goal · first words 0.41 s after you start speaking".
     */
    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    /** Adds a batch of new samples (UI thread). */
    public void publish(List<LatencySample> batch) {
        for (LatencyMetric m : LatencyMetric.values()) {
            List<LatencySample> mine =
                    batch.stream().filter(s -> s.metric() == m).toList();
            if (!mine.isEmpty()) {
                series.get(m).publish(mine, windowS);
            }
        }
        headline.set(headline());
    }

    public void clear() {
        recorder.clear();
        series.values().forEach(Series::clear);
        headline.set(headline());
    }

    private String headline() {
        Series finals = series.get(LatencyMetric.SPEECH_END_TO_FINAL);
        if (finals.points().isEmpty()) {
            return NOT_MEASURED;
        }
        double p50 = finals.p50Property().get();
        String line = String.format(
                Locale.ROOT,
                "Time to text: %.2f s (p50 of %d sentence%s in the last %d s), %s the %.1f s goal",
                p50 / 1000,
                finals.points().size(),
                finals.points().size() == 1 ? "" : "s",
                Math.round(windowS),
                p50 <= TIME_TO_TEXT_GOAL_MS ? "within" : "above",
                TIME_TO_TEXT_GOAL_MS / 1000);
        Series first = series.get(LatencyMetric.SPEECH_START_TO_FIRST_PARTIAL);
        if (!first.points().isEmpty()) {
            line += String.format(
                    Locale.ROOT,
                    " · first words %.2f s after you start speaking",
                    first.p50Property().get() / 1000);
        }
        return line;
    }

    /**
     * Writes every kept raw sample (not just the visible window) as {@code metric,time_s,value_ms}, off the FX
     * thread; a failure reaches the error line.
     */
    public void exportCsv(Path file) {
        files.write(file, csv(), "Cannot export latency samples to " + file);
    }

    public String csv() {
        return csv(recorder.all());
    }

    private static String csv(List<LatencySample> samples) {
        StringBuilder out = new StringBuilder("metric,time_s,value_ms\n");
        for (LatencySample s : samples) {
            out.append(String.format(Locale.ROOT, "%s,%.6f,%.3f\n", s.metric().csvName(), s.atS(), s.valueMs()));
        }
        return out.toString();
    }

    /** Nearest-rank percentile, NaN for no samples. */
    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
