package dev.voiceconsole.sidecar;

import dev.voiceconsole.contract.ProtocolVersion;
import dev.voiceconsole.net.PortProbe;
import dev.voiceconsole.transport.BearerTokenInterceptor;
import dev.voiceconsole.transport.ListenEndpoint;
import dev.voiceconsole.transport.WorkerServer;
import dev.voiceconsole.worker.WorkerCore;
import io.grpc.ServerInterceptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serving half of a sidecar: a worker core on a Netty endpoint behind the bearer-token check, stopped by a
 * drain (open sessions get their final text) on SIGTERM. The {@code sidecar} command composes the real engine into
 * it; tests compose scripted ones, so the process, signal and socket behaviour is the same in both.
 */
public final class SidecarServer {

    private static final Logger log = LoggerFactory.getLogger(SidecarServer.class);
    /** How long calls still running after the drain may take before they are cut. */
    private static final Duration TERMINATION = Duration.ofSeconds(2);

    /**
     * Where and how the sidecar serves.
     *
     * @param drainDeadline how long open sessions get to deliver their final text on stop
     * @param interceptors run outside the token check, so they see refused calls too (e.g. failed-call metrics)
     */
    public record Options(
            ListenEndpoint endpoint, String token, Duration drainDeadline, List<ServerInterceptor> interceptors) {
        public Options {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(drainDeadline, "drainDeadline");
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("a sidecar needs a bearer token");
            }
            interceptors = List.copyOf(interceptors);
        }

        public Options(ListenEndpoint endpoint, String token, Duration drainDeadline) {
            this(endpoint, token, drainDeadline, List.of());
        }
    }

    private final Options options;
    private final WorkerServer server;
    private final List<AutoCloseable> closeAfterStop;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private boolean stopping;

    private SidecarServer(Options options, WorkerServer server, List<AutoCloseable> closeAfterStop) {
        this.options = options;
        this.server = server;
        this.closeAfterStop = closeAfterStop;
    }

    /**
     * Binds and starts serving.
     *
     * @param closeAfterStop closed once the server has stopped (the engine: no decode may outlive it)
     * @throws PortInUseException when the port is taken
     */
    public static SidecarServer start(Options options, WorkerCore core, AutoCloseable... closeAfterStop)
            throws IOException {
        InetSocketAddress address = options.endpoint().address();
        NettyServerBuilder builder =
                options.endpoint().serverBuilder().intercept(new BearerTokenInterceptor(options.token()));
        options.interceptors().forEach(builder::intercept); // added later = runs first
        WorkerServer server = new WorkerServer(builder, core);
        try {
            server.start();
        } catch (IOException e) {
            core.close();
            if (isBindFailure(e)) {
                throw new PortInUseException(address, e);
            }
            throw e;
        }
        return new SidecarServer(options, server, List.of(closeAfterStop));
    }

    /**
     * Fails fast on a busy port, before the slow model load; {@link #start} still reports the race where another
     * process takes the port in between.
     */
    public static void requirePortFree(InetSocketAddress address) throws PortInUseException {
        Optional<BindException> busy = PortProbe.busy(address);
        if (busy.isPresent()) {
            throw new PortInUseException(address, busy.get());
        }
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    /** Whether a stop has begun: the worker refuses new work and flushes open sessions. */
    public boolean isDraining() {
        return server.core().isDraining();
    }

    public int port() {
        return server.port();
    }

    public ReadyLine readyLine() {
        return new ReadyLine(
                port(),
                ProcessHandle.current().pid(),
                true,
                options.endpoint().tls().isPresent(),
                server.core().settings().workerId(),
                ProtocolVersion.CURRENT);
    }

    /**
     * Makes SIGTERM / Ctrl-C drain and stop this server (the caller's {@link #awaitStopped} then returns and the
     * process can exit 0); a shutdown hook covers every other way the JVM may end.
     */
    /**
     * Until {@link #stopOnTermination()} takes over: while the model loads there is nothing to drain, and whisper.cpp's
     * load cannot be interrupted, so SIGTERM ends the process at once with exit code 0 rather than the JVM's 143,
     * which a supervisor would count as a crash.
     */
    public static void exitOnTerminationWhileStarting() {
        TerminationSignals.onTerminate(() -> {
            log.info("terminated while starting (not serving yet): exiting");
            System.exit(0);
        });
    }

    public SidecarServer stopOnTermination() {
        TerminationSignals.onTerminate(this::stop);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "sidecar-shutdown"));
        return this;
    }

    /**
     * Stops (with the drain) when the process that started this one is gone, even if it was SIGKILLed and so could
     * not run its shutdown hook: a supervised sidecar must never outlive its app.
     */
    public SidecarServer stopWhenParentExits() {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        if (parent.isEmpty()) {
            log.warn("no parent process to watch; --exit-with-parent has no effect");
            return this;
        }
        long pid = parent.get().pid();
        parent.get()
                .onExit()
                .thenRun(() -> {
                    log.warn("parent process {} is gone; stopping", pid);
                    stop();
                })
                .exceptionally(e -> {
                    log.error("stopping after parent process {} exited failed", pid, e);
                    return null;
                });
        return this;
    }

    /** Drains within the deadline, stops serving, closes what was handed over. Idempotent; later callers wait. */
    public void stop() {
        synchronized (this) {
            if (stopping) {
                awaitQuietly();
                return;
            }
            stopping = true;
        }
        try {
            log.info("stopping: draining open sessions for up to {}", options.drainDeadline());
            server.shutdown(options.drainDeadline(), TERMINATION);
            for (AutoCloseable c : closeAfterStop) {
                try {
                    c.close();
                } catch (Exception e) {
                    log.warn("closing {} failed: {}", c, e.toString());
                }
            }
            log.info("stopped");
        } finally {
            stopped.countDown();
        }
    }

    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    private void awaitQuietly() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
