package dev.voiceconsole.client;

import java.time.Duration;

/**
 * Client timing and flow-control knobs.
 *
 * @param callTimeout deadline of CreateSession and GetHealth
 * @param stopTimeout deadline of StopSession (includes waiting for in-flight chunks and the final decode)
 * @param finishTimeout how long {@link AudioStream#finish()} waits for outstanding chunks and the final events
 * @param backpressureMaxWait how long a rejected chunk may keep waiting for the worker to catch up before the
 *                            stream is given up, and how long {@link AudioStream#send} may block
 * @param maxInFlightBytes audio sent but not yet acknowledged; {@code send} blocks beyond it
 * @param initialBackoff first wait before resending a chunk the worker rejected as overloaded (doubles up to maxBackoff)
 */
public record ClientSettings(
        Duration callTimeout,
        Duration stopTimeout,
        Duration finishTimeout,
        Duration backpressureMaxWait,
        long maxInFlightBytes,
        Duration initialBackoff,
        Duration maxBackoff) {

    public ClientSettings {
        requirePositive("call timeout", callTimeout);
        requirePositive("stop timeout", stopTimeout);
        requirePositive("finish timeout", finishTimeout);
        requirePositive("back-pressure wait", backpressureMaxWait);
        requirePositive("initial back-off", initialBackoff);
        requirePositive("max back-off", maxBackoff);
        if (maxInFlightBytes < 1) {
            throw new IllegalArgumentException("max in-flight bytes must be positive, was " + maxInFlightBytes);
        }
    }

    public static ClientSettings defaults() {
        return new ClientSettings(
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                Duration.ofSeconds(120),
                Duration.ofSeconds(60),
                4L * 1024 * 1024,
                Duration.ofMillis(10),
                Duration.ofMillis(500));
    }

    public ClientSettings withMaxInFlightBytes(long value) {
        return new ClientSettings(
                callTimeout, stopTimeout, finishTimeout, backpressureMaxWait, value, initialBackoff, maxBackoff);
    }

    public ClientSettings withBackpressureMaxWait(Duration value) {
        return new ClientSettings(
                callTimeout, stopTimeout, finishTimeout, value, maxInFlightBytes, initialBackoff, maxBackoff);
    }

    /** The back-off of resending chunks the worker rejected as overloaded. */
    public Backoff rejectedChunkBackoff() {
        return new Backoff(initialBackoff, maxBackoff);
    }

    private static void requirePositive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
