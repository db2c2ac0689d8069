package dev.voiceconsole.worker;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits and identity of one worker.
 *
 * @param maxSessions sessions served at once; the next CreateSession is refused with RESOURCE_EXHAUSTED
 * @param maxChunkBytes largest accepted audio chunk (bytes of PCM)
 * @param maxPendingBytes per session: audio accepted but not yet processed; beyond it chunks are rejected
 *                        (RESOURCE_EXHAUSTED) and the client resends them later
 * @param maxHeldAudio per session: audio its policy keeps in memory for decodes still to come; beyond it the
 *                     session decodes before it feeds more, so a file sent faster than it decodes waits in the
 *                     pending queue (and then at the client) instead of growing the heap
 * @param idleReapAfter a session without an open stream for this long is released
 * @param stopWaitForChunks upper bound on how long StopSession waits for chunks still in flight
 * @param recentlyStoppedMemory how many stopped ids are remembered so StopSession stays idempotent
 * @param workerId reported in every event and in health
 * @param mode "embedded" or "sidecar"
 */
public record WorkerSettings(
        int maxSessions,
        int maxChunkBytes,
        long maxPendingBytes,
        Duration maxHeldAudio,
        Duration idleReapAfter,
        Duration stopWaitForChunks,
        int recentlyStoppedMemory,
        String workerId,
        String mode,
        String softwareVersion) {

    public static final int DEFAULT_MAX_SESSIONS = 10;
    public static final int DEFAULT_MAX_CHUNK_BYTES = 256 * 1024;
    public static final long DEFAULT_MAX_PENDING_BYTES = 10L * 1024 * 1024;
    /** Two 30-s decode windows: room for the window being decoded and the next one filling (3.8 MB of floats). */
    public static final Duration DEFAULT_MAX_HELD_AUDIO = Duration.ofSeconds(60);

    public WorkerSettings {
        Objects.requireNonNull(maxHeldAudio, "maxHeldAudio");
        Objects.requireNonNull(idleReapAfter, "idleReapAfter");
        Objects.requireNonNull(stopWaitForChunks, "stopWaitForChunks");
        if (maxSessions < 1 || maxSessions > 1000) {
            throw new IllegalArgumentException("max sessions must be 1..1000, was " + maxSessions);
        }
        if (maxChunkBytes < 4 || maxChunkBytes > 4 * 1024 * 1024) {
            throw new IllegalArgumentException("max chunk size must be 4 B..4 MiB, was " + maxChunkBytes);
        }
        if (maxPendingBytes < maxChunkBytes) {
            // Otherwise a single valid chunk could never be accepted.
            throw new IllegalArgumentException("max pending bytes (" + maxPendingBytes
                    + ") must be at least the max chunk size (" + maxChunkBytes + ")");
        }
        if (maxHeldAudio.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("max held audio must be at least 1 s, was " + maxHeldAudio);
        }
        if (idleReapAfter.isNegative() || idleReapAfter.isZero()) {
            throw new IllegalArgumentException("idle reap time must be positive, was " + idleReapAfter);
        }
        if (stopWaitForChunks.isNegative()) {
            throw new IllegalArgumentException("stop wait must not be negative, was " + stopWaitForChunks);
        }
        if (recentlyStoppedMemory < 0) {
            throw new IllegalArgumentException(
                    "recently stopped memory must not be negative, was " + recentlyStoppedMemory);
        }
        if (workerId == null || workerId.isBlank()) {
            throw new IllegalArgumentException("worker id must not be empty");
        }
        mode = mode == null || mode.isBlank() ? "embedded" : mode;
        softwareVersion = softwareVersion == null || softwareVersion.isBlank() ? "unknown" : softwareVersion;
    }

    public static WorkerSettings defaults(String workerId, String mode, String softwareVersion) {
        return new WorkerSettings(
                DEFAULT_MAX_SESSIONS,
                DEFAULT_MAX_CHUNK_BYTES,
                DEFAULT_MAX_PENDING_BYTES,
                DEFAULT_MAX_HELD_AUDIO,
                Duration.ofSeconds(60),
                Duration.ofSeconds(5),
                1000,
                workerId,
                mode,
                softwareVersion);
    }

    public WorkerSettings withMaxSessions(int value) {
        return new WorkerSettings(
                value,
                maxChunkBytes,
                maxPendingBytes,
                maxHeldAudio,
                idleReapAfter,
                stopWaitForChunks,
                recentlyStoppedMemory,
                workerId,
                mode,
                softwareVersion);
    }

    public WorkerSettings withLimits(int chunkBytes, long pendingBytes) {
        return new WorkerSettings(
                maxSessions,
                chunkBytes,
                pendingBytes,
                maxHeldAudio,
                idleReapAfter,
                stopWaitForChunks,
                recentlyStoppedMemory,
                workerId,
                mode,
                softwareVersion);
    }

    public WorkerSettings withMaxHeldAudio(Duration value) {
        return new WorkerSettings(
                maxSessions,
                maxChunkBytes,
                maxPendingBytes,
                value,
                idleReapAfter,
                stopWaitForChunks,
                recentlyStoppedMemory,
                workerId,
                mode,
                softwareVersion);
    }

    /** {@link #maxHeldAudio} in 16-kHz samples, the policies' unit. */
    public long maxHeldSamples() {
        return maxHeldAudio.toMillis() * 16;
    }

    public WorkerSettings withIdleReapAfter(Duration value) {
        return new WorkerSettings(
                maxSessions,
                maxChunkBytes,
                maxPendingBytes,
                maxHeldAudio,
                value,
                stopWaitForChunks,
                recentlyStoppedMemory,
                workerId,
                mode,
                softwareVersion);
    }

    public WorkerSettings withStopWaitForChunks(Duration value) {
        return new WorkerSettings(
                maxSessions,
                maxChunkBytes,
                maxPendingBytes,
                maxHeldAudio,
                idleReapAfter,
                value,
                recentlyStoppedMemory,
                workerId,
                mode,
                softwareVersion);
    }
}
