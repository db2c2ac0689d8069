package dev.voiceconsole.models;

import java.util.ArrayDeque;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Turns a download's progress callbacks into what a person wants to read: share done, megabytes, speed and time
 * left. The speed is taken over the last few seconds, so a stall shows at once and an early burst fades. When the
 * server does not say the size, the catalog's published size stands in, marked approximate.
 */
public final class DownloadMeter {

    private static final long WINDOW_NANOS = 3_000_000_000L;
    private static final double MIB = 1 << 20;

    /** One point of progress. */
    public record Reading(long done, long total, boolean approximate, double bytesPerSecond) {

        /** 0..1, or -1 while the size is unknown. */
        public double fraction() {
            return total > 0 ? Math.min(1.0, (double) done / total) : -1;
        }

        /** Whole seconds until done at the current speed; empty while the size or the speed is unknown. */
        public OptionalLong secondsLeft() {
            if (total <= 0 || bytesPerSecond <= 0) {
                return OptionalLong.empty();
            }
            return OptionalLong.of((long) Math.ceil(Math.max(0, total - done) / bytesPerSecond));
        }

        /** "42 % · 60.1 of 142.0 MiB · 5.1 MiB/s · 12 s left". */
        public String describe() {
            StringBuilder line = new StringBuilder();
            if (total > 0) {
                line.append(String.format(
                        Locale.ROOT,
                        "%s%d %% · %.1f of %s%.1f MiB",
                        approximate ? "about " : "",
                        Math.round(fraction() * 100),
                        done / MIB,
                        approximate ? "about " : "",
                        total / MIB));
            } else {
                line.append(String.format(Locale.ROOT, "%.1f MiB", done / MIB));
            }
            if (bytesPerSecond > 0) {
                line.append(String.format(Locale.ROOT, " · %.1f MiB/s", bytesPerSecond / MIB));
            }
            secondsLeft().ifPresent(s -> line.append(" · ").append(duration(s)).append(" left"));
            return line.toString();
        }

        private static String duration(long seconds) {
            if (seconds < 60) {
                return seconds + " s";
            }
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
    }

    private record Point(long nanos, long done) {}

    private final OptionalLong published;
    private final ArrayDeque<Point> recent = new ArrayDeque<>();

    /**
     * A meter for one download.
     *
     * @param published the catalog's size of the file, used while the server has not said
     */
    public DownloadMeter(OptionalLong published) {
        this.published = published;
    }

    /**
     * The progress as of {@code nanos}.
     *
     * @param total bytes in all as the server said, -1 if it did not
     */
    public Reading update(long nanos, long done, long total) {
        recent.addLast(new Point(nanos, done));
        while (recent.size() > 2 && nanos - recent.peekFirst().nanos() > WINDOW_NANOS) {
            recent.removeFirst();
        }
        Point first = recent.peekFirst();
        double elapsed = (nanos - first.nanos()) / 1e9;
        double speed = elapsed > 0 ? (done - first.done()) / elapsed : 0;
        boolean approximate = total <= 0 && published.isPresent();
        long size = total > 0 ? total : published.orElse(-1);
        if (approximate) {
            size = Math.max(size, done); // the published size is rounded: never show more done than there is
        }
        return new Reading(done, size, approximate, Math.max(0, speed));
    }
}
