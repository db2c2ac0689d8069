package dev.voiceconsole.sidecar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sidecar child process: spawned with a fresh token in its environment, considered started once it printed its
 * ready line, stopped with SIGTERM (it drains) and, past the drain deadline, SIGKILL. Its stderr goes to this app's
 * log. A shutdown hook stops it when the app exits, so no sidecar outlives its app.
 */
public final class SidecarProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SidecarProcess.class);
    private static final Logger childLog = LoggerFactory.getLogger("dev.voiceconsole.sidecar.child");
    private static final int STDERR_LINES_KEPT = 12;
    private static final Duration STREAM_EOF_WAIT = Duration.ofSeconds(2);

    private final SidecarLaunch launch;
    private final Process process;
    private final String token;
    private final Thread shutdownHook;
    private final CompletableFuture<ReadyLine> ready = new CompletableFuture<>();
    private final Deque<String> recentStderr = new ArrayDeque<>();
    private final Thread stderrPump;
    private boolean stopped;

    private SidecarProcess(SidecarLaunch launch, Process process, String token) {
        this.launch = launch;
        this.process = process;
        this.token = token;
        this.shutdownHook = new Thread(this::stop, "sidecar-" + process.pid() + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        daemon("sidecar-" + process.pid() + "-stdout", () -> readStdout(process.getInputStream()))
                .start();
        this.stderrPump = daemon("sidecar-" + process.pid() + "-stderr", () -> pumpStderr(process.getErrorStream()));
        stderrPump.start();
    }

    /**
     * Spawns the sidecar and waits for its ready line.
     *
     * @throws SidecarStartException RUNTIME_MISSING, FAILED_START (with its exit code and last stderr lines) or
     *                               READY_TIMEOUT; the process is gone in every case
     */
    public static SidecarProcess start(SidecarLaunch launch) throws SidecarStartException {
        String token = SidecarToken.generate();
        List<String> argv = launch.argv();
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().put(SidecarToken.ENV_VAR, token);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new SidecarStartException(
                    SidecarStartException.Cause.RUNTIME_MISSING,
                    "cannot run the Java runtime " + launch.commandLine().javaExecutable(),
                    e.getMessage(),
                    e);
        }
        try {
            process.getOutputStream().close(); // nothing to say to it
        } catch (IOException e) {
            log.debug("closing the sidecar's stdin: {}", e.toString());
        }
        log.info("sidecar started (pid {}), waiting up to {} for it to be ready", process.pid(), launch.readyTimeout());
        SidecarProcess sidecar = new SidecarProcess(launch, process, token);
        sidecar.awaitReady();
        return sidecar;
    }

    private void awaitReady() throws SidecarStartException {
        try {
            ReadyLine line = ready.get(launch.readyTimeout().toMillis(), TimeUnit.MILLISECONDS);
            log.info("sidecar ready: pid {}, port {}, worker {}", process.pid(), line.port(), line.workerId());
        } catch (TimeoutException e) {
            abandon();
            throw new SidecarStartException(
                    SidecarStartException.Cause.READY_TIMEOUT,
                    "sidecar (pid " + process.pid() + ") was not ready within "
                            + launch.readyTimeout().toMillis() + " ms",
                    lastStderr(),
                    null);
        } catch (ExecutionException e) {
            boolean exited = waitFor(STREAM_EOF_WAIT);
            abandon();
            joinStderr();
            throw new SidecarStartException(
                    SidecarStartException.Cause.FAILED_START,
                    "sidecar "
                            + (exited ? "exited with code " + process.exitValue() : "closed its output")
                            + " before it was ready",
                    lastStderr(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon();
            throw new SidecarStartException(
                    SidecarStartException.Cause.FAILED_START, "interrupted while waiting for the sidecar", "", e);
        }
    }

    public ReadyLine ready() {
        return ready.getNow(null);
    }

    public int port() {
        return ready().port();
    }

    public long pid() {
        return process.pid();
    }

    /** The token this launch was given; every call to it must carry it. */
    public String token() {
        return token;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    public CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /**
     * SIGTERM, then up to the drain deadline plus grace for it to drain and exit, then SIGKILL. Idempotent and safe
     * from any thread: a second caller waits for the first to finish.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        removeShutdownHook();
        if (process.isAlive()) {
            Duration wait = launch.drainDeadline().plus(launch.killGrace());
            log.info("stopping sidecar pid {} (SIGTERM, SIGKILL after {})", process.pid(), wait);
            process.destroy();
            if (!waitFor(wait)) {
                log.warn("sidecar pid {} still running {} after SIGTERM; killing it", process.pid(), wait);
                kill();
            }
        }
        joinStderr();
        log.info(
                "sidecar pid {} ended with exit code {}", process.pid(), process.isAlive() ? "?" : process.exitValue());
        if (!process.isAlive()) {
            SidecarStartupOptions.keepArchive(launch.commandLine().jvmOptions(), process.exitValue());
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** A start that failed: no drain to wait for, and nothing left for the shutdown hook to do. */
    private synchronized void abandon() {
        stopped = true;
        removeShutdownHook();
        if (process.isAlive()) {
            kill();
        }
        if (!process.isAlive()) {
            SidecarStartupOptions.keepArchive(launch.commandLine().jvmOptions(), process.exitValue());
        }
    }

    /** SIGKILL and wait for the process table to forget it. */
    void kill() {
        process.destroyForcibly();
        if (!waitFor(Duration.ofSeconds(10))) {
            log.error("sidecar pid {} survived SIGKILL for 10 s", process.pid());
        }
    }

    private boolean waitFor(Duration d) {
        try {
            return process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: this very call may come from the hook.
        }
    }

    private void readStdout(InputStream stdout) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                Optional<ReadyLine> parsed = ready.isDone() ? Optional.empty() : ReadyLine.parse(line);
                if (parsed.isPresent()) {
                    ready.complete(parsed.get());
                } else {
                    log.info("[sidecar {} stdout] {}", process.pid(), line);
                }
            }
        } catch (IOException e) {
            log.debug("sidecar stdout closed: {}", e.toString());
        }
        ready.completeExceptionally(new IOException("sidecar closed its standard output"));
    }

    private void pumpStderr(InputStream stderr) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (recentStderr) {
                    if (recentStderr.size() == STDERR_LINES_KEPT) {
                        recentStderr.removeFirst();
                    }
                    recentStderr.addLast(line);
                }
                // The child's own level is in its line; keep warnings visible at the app's default WARN level.
                if (line.contains(" ERROR ")) {
                    childLog.error("[sidecar {}] {}", process.pid(), line);
                } else if (line.contains(" WARN ") || line.startsWith("voice-console:")) {
                    childLog.warn("[sidecar {}] {}", process.pid(), line);
                } else {
                    childLog.info("[sidecar {}] {}", process.pid(), line);
                }
            }
        } catch (IOException e) {
            log.debug("sidecar stderr closed: {}", e.toString());
        }
    }

    private void joinStderr() {
        try {
            stderrPump.join(STREAM_EOF_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String lastStderr() {
        synchronized (recentStderr) {
            return recentStderr.isEmpty() ? "" : "its last output: " + String.join(" | ", recentStderr);
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }
}
