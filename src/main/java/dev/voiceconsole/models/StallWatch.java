package dev.voiceconsole.models;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one response body while it is read. A read blocked on a connection that stopped delivering (a stalled
 * server, a dead Wi-Fi without a reset) has no timeout of its own and would hang the download, and its Cancel, for
 * good; this closes the body from the side once no byte has arrived for {@code stallAfterNanos} or the user
 * cancelled, which makes the blocked read return.
 */
final class StallWatch implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(StallWatch.class);

    enum Verdict {
        RUNNING,
        STALLED,
        CANCELLED
    }

    private final long stallAfterNanos;
    private final BooleanSupplier cancelled;
    private final Closeable body;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(new ThreadFactoryBuilder()
            .setNameFormat("model-download-watch")
            .setDaemon(true)
            .build());
    private volatile long lastProgressNanos = System.nanoTime();
    private volatile Verdict verdict = Verdict.RUNNING;

    StallWatch(Closeable body, long stallAfterNanos, BooleanSupplier cancelled) {
        this.body = body;
        this.stallAfterNanos = stallAfterNanos;
        this.cancelled = cancelled;
        long period = Math.max(
                TimeUnit.MILLISECONDS.toNanos(20), Math.min(stallAfterNanos / 4, TimeUnit.MILLISECONDS.toNanos(250)));
        // Not kept: close() ends the check with the timer, and a failed check logs itself.
        var unused = timer.scheduleWithFixedDelay(this::checkLoggingFailure, period, period, TimeUnit.NANOSECONDS);
    }

    /** Bytes arrived. */
    void progressed() {
        lastProgressNanos = System.nanoTime();
    }

    /** Why the body was closed from the side, or RUNNING if it was not. */
    Verdict verdict() {
        return verdict;
    }

    /** A failure ends the watching (as in any periodic task) and would otherwise go unseen. */
    private void checkLoggingFailure() {
        try {
            check();
        } catch (RuntimeException | Error e) {
            log.error("watching a model download for stalls failed; the download is no longer watched", e);
            throw e;
        }
    }

    private void check() {
        Verdict next = cancelled.getAsBoolean()
                ? Verdict.CANCELLED
                : System.nanoTime() - lastProgressNanos > stallAfterNanos ? Verdict.STALLED : Verdict.RUNNING;
        if (next == Verdict.RUNNING) {
            return;
        }
        verdict = next;
        timer.shutdown();
        try {
            body.close();
        } catch (IOException e) {
            // closing is all we wanted; the reader sees the end of the body either way
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
