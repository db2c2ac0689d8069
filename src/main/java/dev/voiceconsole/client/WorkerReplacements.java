package dev.voiceconsole.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Tells a recovering client when the channel it holds leads to a different worker than before (a supervisor
 * restarted a crashed sidecar or fell back to an embedded worker), so it retries at once instead of on a timer.
 */
public interface WorkerReplacements {

    /** How many times the worker behind the channel has been replaced so far. */
    long count();

    /**
     * Waits until {@link #count()} exceeds {@code seen} or the timeout passes.
     *
     * @return whether a replacement newer than {@code seen} happened
     */
    boolean awaitAfter(long seen, Duration timeout) throws InterruptedException;

    /** For a channel nobody replaces: waiting just paces the caller's retries. */
    static WorkerReplacements none() {
        return new WorkerReplacements() {
            @Override
            public long count() {
                return 0;
            }

            @Override
            public boolean awaitAfter(long seen, Duration timeout) throws InterruptedException {
                TimeUnit.NANOSECONDS.sleep(Math.max(0, timeout.toNanos()));
                return false;
            }
        };
    }
}
