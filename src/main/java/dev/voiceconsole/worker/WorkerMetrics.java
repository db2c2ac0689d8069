package dev.voiceconsole.worker;

import dev.voiceconsole.proto.v1.ChunkAck;

/**
 * What the worker reports as it works, for whoever measures it (the sidecar's Prometheus endpoint). Every method
 * has a no-op default and {@link #NONE} records nothing, so the worker never depends on a metrics library and a
 * worker without metrics pays nothing. Calls come from transport and session threads: implementations must be
 * thread-safe and must not block.
 */
public interface WorkerMetrics {

    WorkerMetrics NONE = new WorkerMetrics() {};

    /** Why a session's slot was released. */
    enum SessionEnd {
        /** StopSession, also the drain on shutdown. */
        STOP_SESSION,
        /** The client cancelled or broke its stream. */
        STREAM_CANCELLED,
        /** No stream for the idle time. */
        IDLE_REAPED,
        /** The worker closed without a drain. */
        SHUTDOWN
    }

    default void sessionCreated() {}

    /** Called exactly once per created session. */
    default void sessionEnded(SessionEnd how) {}

    /** One acknowledged chunk; {@code bytes} is its PCM size whatever the result. */
    default void chunkAcknowledged(ChunkAck.Result result, int bytes) {}

    /**
     * One decode.
     *
     * @param queueWaitSeconds how long the newest audio it used waited for it; NaN when it used no new chunk
     */
    default void decoded(double queueWaitSeconds, double inferenceSeconds) {}

    /**
     * A transcript event (partial or final) left the worker.
     *
     * @param latencySeconds its emitted time minus the capture time of the chunk that produced it; the capture
     *                       time is the client's clock, so this is only meaningful when both clocks agree
     */
    default void transcriptEmitted(TranscriptKind kind, double latencySeconds) {}

    enum TranscriptKind {
        PARTIAL,
        FINAL
    }

    /** An ErrorEvent on a stream; the stream goes on. {@code codeName} is the canonical gRPC status code name. */
    default void errorEvent(String codeName) {}
}
