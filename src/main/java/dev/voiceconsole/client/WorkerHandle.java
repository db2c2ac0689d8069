package dev.voiceconsole.client;

import io.grpc.Channel;
import java.util.Objects;
import java.util.Optional;

/**
 * A started worker of any kind (embedded, a supervised sidecar, a pool of remote workers): a channel for
 * {@link VoiceWorkerClient}, what it is, and a way to shut it down.
 */
public interface WorkerHandle extends AutoCloseable {

    Channel channel();

    /** {@code embedded}, {@code sidecar}, {@code remote (host:port)}, or {@code embedded (fallback: <reason>)}. */
    String mode();

    /** Why the sidecar was not used although it was asked for. */
    default Optional<String> fallbackReason() {
        return Optional.empty();
    }

    /**
     * Announces when a supervisor replaced the worker behind {@link #channel()} (restart after a crash, fallback), so
     * dictation can recover its session there; a worker nobody replaces keeps the default.
     */
    default WorkerReplacements replacements() {
        return WorkerReplacements.none();
    }

    /**
     * Where a dictation goes when its worker is lost: by default the same channel (a supervisor puts a new worker
     * behind it); a pool of remote workers names another worker.
     */
    default SessionPlacement placement(VoiceWorkerClient client) {
        return lost -> client;
    }

    /** Drains sessions and frees the model; blocking, never throws. */
    @Override
    void close();

    /** The mode an embedded worker reports when it stands in for a sidecar. */
    static String fallbackMode(String reason) {
        return "embedded (fallback: " + reason + ")";
    }

    /** Wraps a worker this process runs itself; {@code stop} is its close. */
    static WorkerHandle embedded(Channel channel, String mode, Optional<String> fallbackReason, Runnable stop) {
        Objects.requireNonNull(channel, "channel");
        return new WorkerHandle() {
            @Override
            public Channel channel() {
                return channel;
            }

            @Override
            public String mode() {
                return mode;
            }

            @Override
            public Optional<String> fallbackReason() {
                return fallbackReason;
            }

            @Override
            public void close() {
                stop.run();
            }
        };
    }
}
