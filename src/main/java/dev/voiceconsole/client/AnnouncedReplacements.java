package dev.voiceconsole.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@link WorkerReplacements} for whoever swaps the worker behind a channel (a supervisor): it calls {@link #announce}
 * after each swap, and recovering sessions waiting in {@link #awaitAfter} wake at once instead of polling.
 */
public final class AnnouncedReplacements implements WorkerReplacements {

    private long count; // guarded by this

    public synchronized void announce() {
        count++;
        notifyAll();
    }

    @Override
    public synchronized long count() {
        return count;
    }

    @Override
    public synchronized boolean awaitAfter(long seen, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count <= seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}
