package dev.voiceconsole.sidecar;

import dev.voiceconsole.client.WorkerReplacements;
import io.grpc.Channel;

import java.util.Objects;
import java.util.Optional;

/** A worker ready for {@code VoiceWorkerClient}, wherever it runs; {@link #mode()} says where, and why. */
public interface WorkerConnection extends AutoCloseable {

    Channel channel();

    /** {@code embedded}, {@code sidecar}, or {@code embedded (fallback: <reason>)}. */
    String mode();

    /** Why the sidecar was not used although it was asked for. */
    Optional<String> fallbackReason();

    /** Announces when {@link #channel()} starts leading to another worker; none for a connection that never switches. */
    default WorkerReplacements replacements() {
        return WorkerReplacements.none();
    }

    /** Stops the worker (drains first); never throws. */
    @Override
    void close();

    /** The mode string an embedded worker reports when it stands in for a sidecar. */
    static String fallbackMode(String reason) {
        return "embedded (fallback: " + reason + ")";
    }

    /** Wraps a worker this process runs itself; {@code stop} is its close. */
    static WorkerConnection embedded(Channel channel, String mode, Optional<String> fallbackReason, Runnable stop) {
        Objects.requireNonNull(channel, "channel");
        return new WorkerConnection() {
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
