package dev.voiceconsole.sidecar;

import dev.voiceconsole.client.Backoff;
import java.time.Duration;

/**
 * How a running sidecar is watched and revived.
 *
 * @param healthInterval    time between grpc.health.v1 checks
 * @param healthTimeout     deadline of one check; a stopped (SIGSTOP) or wedged sidecar misses it
 * @param failureThreshold  consecutive failed checks that declare the sidecar unhealthy (it is then killed)
 * @param initialBackoff    wait before the first restart; doubles per restart up to {@code maxBackoff}
 * @param crashLoopCount    this many crashes within {@code crashLoopWindow} stop the restarts: crash loop
 * @param crashLoopWindow   also how long a sidecar must stay healthy before the back-off starts over
 * @param maxRssBytes       memory ceiling: a sidecar whose resident memory grows past it is replaced while nobody is
 *                          speaking (0 = no ceiling)
 */
public record SupervisorSettings(
        Duration healthInterval,
        Duration healthTimeout,
        int failureThreshold,
        Duration initialBackoff,
        Duration maxBackoff,
        int crashLoopCount,
        Duration crashLoopWindow,
        long maxRssBytes) {

    public SupervisorSettings {
        for (Duration d : new Duration[] {healthInterval, healthTimeout, initialBackoff, maxBackoff, crashLoopWindow}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("supervisor durations must be positive, got " + d);
            }
        }
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failure threshold must be at least 1, was " + failureThreshold);
        }
        if (crashLoopCount < 1) {
            throw new IllegalArgumentException("crash loop count must be at least 1, was " + crashLoopCount);
        }
        if (maxRssBytes < 0) {
            throw new IllegalArgumentException("memory ceiling must be 0 (none) or positive, was " + maxRssBytes);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "max back-off " + maxBackoff + " is below the initial " + initialBackoff);
        }
    }

    public static SupervisorSettings defaults() {
        return new SupervisorSettings(
                Duration.ofSeconds(2),
                Duration.ofSeconds(1),
                3,
                Duration.ofMillis(500),
                Duration.ofSeconds(30),
                3,
                Duration.ofSeconds(60),
                0);
    }

    public SupervisorSettings withMaxRssBytes(long value) {
        return new SupervisorSettings(
                healthInterval,
                healthTimeout,
                failureThreshold,
                initialBackoff,
                maxBackoff,
                crashLoopCount,
                crashLoopWindow,
                value);
    }

    /** Wait before restart number {@code restart} (1-based): initial, 2×, 4×, … capped. */
    public Duration backoff(int restart) {
        return new Backoff(initialBackoff, maxBackoff).delay(Math.max(1, restart));
    }
}
