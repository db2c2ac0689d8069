package dev.voiceconsole.client;

import java.time.Duration;

/**
 * How a {@link RecoveringSession} survives the loss of its worker.
 *
 * @param maxReplay       audio kept for replay beyond the last final text (bounds the client's memory: 2 min of
 *                        16-kHz mono is 3.8 MB); older uncommitted audio is dropped and reported
 * @param recoveryTimeout how long after the loss a replacement worker may take to accept a new session
 * @param initialRetry    first wait between attempts to create the new session (doubles up to {@code maxRetry});
 *                        a replacement announced by {@link WorkerReplacements} ends the wait early
 */
public record RecoverySettings(Duration maxReplay, Duration recoveryTimeout, Duration initialRetry, Duration maxRetry) {

    public RecoverySettings {
        for (Duration d : new Duration[] {maxReplay, recoveryTimeout, initialRetry, maxRetry}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("recovery durations must be positive, got " + d);
            }
        }
        if (maxRetry.compareTo(initialRetry) < 0) {
            throw new IllegalArgumentException("max retry wait " + maxRetry + " is below the initial " + initialRetry);
        }
    }

    public static RecoverySettings defaults() {
        return new RecoverySettings(
                Duration.ofMinutes(2), Duration.ofSeconds(30), Duration.ofMillis(50), Duration.ofSeconds(1));
    }

    public RecoverySettings withMaxReplay(Duration value) {
        return new RecoverySettings(value, recoveryTimeout, initialRetry, maxRetry);
    }

    public RecoverySettings withRecoveryTimeout(Duration value) {
        return new RecoverySettings(maxReplay, value, initialRetry, maxRetry);
    }

    /** The back-off between attempts to create the new session. */
    public Backoff retryBackoff() {
        return new Backoff(initialRetry, maxRetry);
    }

    /** Bytes of PCM16 audio that {@link #maxReplay} holds at this format. */
    long maxReplayBytes(int sampleRateHz, int channels) {
        return Math.max(2L * channels, maxReplay.toMillis() * sampleRateHz / 1000 * 2L * channels);
    }
}
