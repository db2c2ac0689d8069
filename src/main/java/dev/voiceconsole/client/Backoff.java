package dev.voiceconsole.client;

import java.time.Duration;

/**
 * Exponential back-off: the first wait, doubled per further attempt, capped. One type for every retry loop (a
 * chunk the worker rejected as overloaded, a new session after a lost worker, a sidecar restart), so they all
 * grow the same way and are tested once.
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        if (initial == null || initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial back-off must be positive, was " + initial);
        }
        if (max == null || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max back-off " + max + " is below the initial " + initial);
        }
    }

    /** The wait before attempt {@code attempt} (1 = the first retry: the initial wait). */
    public Duration delay(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1, was " + attempt);
        }
        // Doubling past the cap cannot overflow: 2^30 x any sane initial wait is far above any sane cap.
        long factor = 1L << Math.min(attempt - 1, 30);
        Duration d = initial.multipliedBy(factor);
        return d.compareTo(max) > 0 ? max : d;
    }
}
