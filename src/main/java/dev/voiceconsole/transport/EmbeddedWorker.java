package dev.voiceconsole.transport;

import dev.voiceconsole.worker.WorkerCore;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A worker in this process behind the in-process gRPC transport. Callers get a {@link ManagedChannel} and use
 * it exactly like a sidecar's, so the client code is the same in both modes.
 */
public final class EmbeddedWorker implements AutoCloseable {

    private final String serverName;
    private final WorkerServer server;
    private final ManagedChannel channel;

    private EmbeddedWorker(String serverName, WorkerServer server, ManagedChannel channel) {
        this.serverName = serverName;
        this.server = server;
        this.channel = channel;
    }

    public static EmbeddedWorker start(WorkerCore core) throws IOException {
        // Unique per instance: several embedded workers (tests, app restarts) must never meet.
        String name = "voice-worker-" + core.settings().workerId() + "-" + InProcessServerBuilder.generateName();
        WorkerServer server = new WorkerServer(InProcessServerBuilder.forName(name), core).start();
        ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
        return new EmbeddedWorker(name, server, channel);
    }

    public ManagedChannel channel() {
        return channel;
    }

    public WorkerServer server() {
        return server;
    }

    public WorkerCore core() {
        return server.core();
    }

    public String serverName() {
        return serverName;
    }

    /** Drains (open sessions get their finals), then closes server and channel. */
    public void close(Duration drain) {
        try {
            server.shutdown(drain, WorkerServer.DEFAULT_TERMINATION);
        } finally {
            channel.shutdown();
            try {
                if (!channel.awaitTermination(2, TimeUnit.SECONDS)) {
                    channel.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                channel.shutdownNow();
            }
        }
    }

    @Override
    public void close() {
        close(WorkerServer.DEFAULT_DRAIN);
    }
}
