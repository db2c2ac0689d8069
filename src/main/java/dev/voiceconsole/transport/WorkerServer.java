package dev.voiceconsole.transport;

import com.google.common.util.concurrent.MoreExecutors;
import dev.voiceconsole.proto.v1.VoiceWorkerGrpc;
import dev.voiceconsole.worker.WorkerCore;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCall;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hosts a {@link WorkerCore} on any gRPC server builder (in-process or Netty), together with the standard
 * health service and server reflection.
 *
 * <p>Standard health says SERVING while the worker serves, also at capacity (a full worker is healthy; the
 * VoiceWorker health reports DEGRADED for that), and NOT_SERVING once draining starts.
 */
public final class WorkerServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkerServer.class);
    public static final Duration DEFAULT_DRAIN = Duration.ofSeconds(10);
    public static final Duration DEFAULT_TERMINATION = Duration.ofSeconds(5);

    private final WorkerCore core;
    private final HealthStatusManager health = new HealthStatusManager();
    private final Server server;
    /** Only for a socket server, which then runs on the cap's event loops. */
    private final ConnectionCap connectionCap;

    private boolean shutDown;

    public WorkerServer(ServerBuilder<?> builder, WorkerCore core) {
        this(builder, core, ServerLimits.defaults());
    }

    /** @param limits applied to a socket (Netty) server; the in-process transport has no connections to limit */
    public WorkerServer(ServerBuilder<?> builder, WorkerCore core, ServerLimits limits) {
        this.core = core;
        GrpcLogBridge.install();
        if (builder instanceof NettyServerBuilder netty) {
            netty.callExecutor(WorkerServer::streamAudioOnTransportThread);
            limits.applyTo(netty);
            connectionCap = new ConnectionCap(limits.maxConnections());
            connectionCap.applyTo(netty);
        } else {
            connectionCap = null;
        }
        this.server = builder.addService(MalformedRequestGuard.guard(new VoiceWorkerGrpcService(core).bindService()))
                .addService(
                        MalformedRequestGuard.guard(health.getHealthService().bindService()))
                .addService(MalformedRequestGuard.guard(
                        ProtoReflectionServiceV1.newInstance().bindService()))
                .build();
        core.onDrain(this::markNotServing);
    }

    /**
     * StreamAudio's handlers never block (a chunk is checked, queued and acknowledged under short locks; decoding runs
     * on the session's own thread), so over Netty they run on the event loop that read the chunk: the ack goes out
     * without a hop to the default executor and back, a thread wake-up each way. The other calls may wait (StopSession
     * waits for the flush) and keep the default executor ({@code null}).
     */
    private static Executor streamAudioOnTransportThread(ServerCall<?, ?> call, Metadata headers) {
        return VoiceWorkerGrpc.getStreamAudioMethod()
                        .getFullMethodName()
                        .equals(call.getMethodDescriptor().getFullMethodName())
                ? MoreExecutors.directExecutor()
                : null;
    }

    /** A sidecar server on the loopback interface only; port 0 picks a free port (see {@link #port()}). */
    public static WorkerServer loopback(int port, WorkerCore core) {
        return loopback(port, core, ServerLimits.defaults());
    }

    public static WorkerServer loopback(int port, WorkerCore core, ServerLimits limits) {
        return new WorkerServer(
                NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)),
                core,
                limits);
    }

    public WorkerServer start() throws IOException {
        server.start();
        health.setStatus("", ServingStatus.SERVING);
        health.setStatus(VoiceWorkerGrpc.SERVICE_NAME, ServingStatus.SERVING);
        log.info("voice worker {} listening on {}", core.settings().workerId(), server.getListenSockets());
        return this;
    }

    /** The bound port, or -1 for transports without one (in-process). */
    public int port() {
        return server.getPort();
    }

    public WorkerCore core() {
        return core;
    }

    private void markNotServing() {
        health.setStatus("", ServingStatus.NOT_SERVING);
        health.setStatus(VoiceWorkerGrpc.SERVICE_NAME, ServingStatus.NOT_SERVING);
    }

    /**
     * Graceful stop: drain (new sessions refused, open ones flushed within {@code drain}), stop accepting calls,
     * wait up to {@code termination} for running calls, then cut the rest.
     */
    public synchronized void shutdown(Duration drain, Duration termination) {
        if (shutDown) {
            return;
        }
        shutDown = true;
        core.drain(drain);
        server.shutdown();
        try {
            if (!server.awaitTermination(termination.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("calls still running after {}; cancelling them", termination);
                server.shutdownNow();
                server.awaitTermination(termination.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.shutdownNow();
        } finally {
            health.enterTerminalState();
            core.close();
            if (connectionCap != null) {
                connectionCap.close();
            }
        }
    }

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    @Override
    public void close() {
        shutdown(DEFAULT_DRAIN, DEFAULT_TERMINATION);
    }
}
