package dev.voiceconsole.sidecar;

import dev.voiceconsole.client.ClientSettings;
import dev.voiceconsole.client.ReplaceableChannel;
import dev.voiceconsole.client.WorkerFailure;
import dev.voiceconsole.client.WorkerHandle;
import dev.voiceconsole.client.WorkerReplacements;
import dev.voiceconsole.proto.v1.GetHealthRequest;
import dev.voiceconsole.proto.v1.HealthResponse;
import dev.voiceconsole.proto.v1.VoiceWorkerGrpc;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a sidecar alive for a long-running app: checks it over grpc.health.v1, kills one that stops answering
 * (a hung or SIGSTOPped process), restarts crashed ones with exponential back-off, and after a crash loop falls back
 * to the embedded worker and says why. Callers hold one {@link #channel()} that follows the current worker.
 *
 * <p>All supervision state lives on one thread, so no two decisions (restart, fallback, close) can interleave.
 */
public final class SidecarSupervisor implements WorkerHandle {

    private static final Logger log = LoggerFactory.getLogger(SidecarSupervisor.class);

    private final SidecarLaunch launch;
    private final SupervisorSettings settings;
    private final EmbeddedWorkerStarter embedded;
    private final boolean fallbackEnabled;
    private final ClientSettings clientSettings;
    private final ScheduledExecutorService loop;
    private final ReplaceableChannel channel;
    private final Deque<Long> crashTimes = new ArrayDeque<>();
    private final List<Duration> restartDelays = new CopyOnWriteArrayList<>();

    // Owned by the loop thread.
    private SidecarConnection sidecar;
    /** Started for a sidecar over the memory ceiling; takes over at the next pause in speech. */
    private SidecarConnection standby;

    private WorkerHandle fallback;
    private int consecutiveFailures;
    private int restartAttempt;
    private long lastStartNanos = System.nanoTime();

    private volatile String mode;
    private volatile Optional<String> fallbackReason = Optional.empty();
    private final AtomicInteger restarts = new AtomicInteger();
    private final AtomicInteger memoryRestarts = new AtomicInteger();
    /** Health checks in a row the sidecar answered "no room" (RESOURCE_EXHAUSTED); read by other threads. */
    private final AtomicInteger overloadedChecks = new AtomicInteger();
    /** Mirror of consecutiveFailures for other threads. */
    private volatile int failedChecks;

    private volatile boolean closed;
    private volatile Thread loopThread;

    private SidecarSupervisor(
            SidecarLaunch launch,
            SupervisorSettings settings,
            EmbeddedWorkerStarter embedded,
            boolean fallbackEnabled,
            ClientSettings clientSettings,
            WorkerHandle first) {
        this.launch = launch;
        this.settings = settings;
        this.embedded = embedded;
        this.fallbackEnabled = fallbackEnabled;
        this.clientSettings = clientSettings;
        this.channel = new ReplaceableChannel(first.channel());
        this.mode = first.mode();
        this.fallbackReason = first.fallbackReason();
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sidecar-supervisor");
            t.setDaemon(true);
            loopThread = t;
            return t;
        });
        if (first instanceof SidecarConnection s) {
            this.sidecar = s;
            watchExit(s);
        } else {
            this.fallback = first;
        }
        long interval = settings.healthInterval().toMillis();
        // Not kept: close() ends the checks with the loop, and a failed one logs itself.
        var unused = loop.scheduleWithFixedDelay(
                loggingFailure("health check", this::check), interval, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts the sidecar; when it cannot be used, starts supervised in fallback (or throws, with fallback off).
     *
     * @throws SidecarStartException only with fallback off
     */
    public static SidecarSupervisor start(
            SidecarLaunch launch,
            SupervisorSettings settings,
            EmbeddedWorkerStarter embedded,
            boolean fallbackEnabled,
            ClientSettings clientSettings)
            throws Exception {
        WorkerHandle first;
        try {
            first = SidecarConnection.connect(SidecarProcess.start(launch), clientSettings);
        } catch (SidecarStartException e) {
            if (!fallbackEnabled) {
                throw e;
            }
            log.warn("sidecar unavailable ({}): {}; falling back to the embedded worker", e.cause(), e.getMessage());
            first = embedded.start(Optional.of(e.reason()));
        }
        return new SidecarSupervisor(launch, settings, embedded, fallbackEnabled, clientSettings, first);
    }

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

    /** Counts every switch of {@link #channel()} to a new worker (restarted sidecar or embedded fallback). */
    @Override
    public WorkerReplacements replacements() {
        return channel.replacements();
    }

    /** How many times a sidecar was replaced for growing past the memory ceiling. */
    public int memoryRestarts() {
        return memoryRestarts.get();
    }

    /**
     * Health checks of the serving sidecar that failed in a row, now: above 0 it is unresponsive (hung, stopped,
     * overloaded); back to 0 as soon as it answers again. At the failure threshold it is killed and replaced.
     */
    public int consecutiveFailedChecks() {
        return failedChecks;
    }

    /**
     * Health checks in a row the serving sidecar answered but refused for want of room: it is alive and overloaded,
     * not dead, so these never count towards the failure threshold. 0 once it has room again.
     */
    public int overloadedChecks() {
        return overloadedChecks.get();
    }

    /** How many times a sidecar was successfully restarted. */
    public int restarts() {
        return restarts.get();
    }

    /** The back-off waited before each restart attempt, in order. */
    public List<Duration> restartDelays() {
        return List.copyOf(restartDelays);
    }

    /** The pid of the sidecar now serving, if one is. */
    public OptionalLong sidecarPid() {
        try {
            return onLoop(() -> sidecar == null
                    ? OptionalLong.empty()
                    : OptionalLong.of(sidecar.process().pid()));
        } catch (IllegalStateException e) {
            return OptionalLong.empty();
        }
    }

    private void watchExit(SidecarConnection s) {
        // React to a crash at once rather than at the next health tick.
        // Not kept: the hand-over to the loop below cannot fail but for the rejection it catches.
        var unused = s.process().onExit().thenRun(() -> {
            try {
                loop.execute(loggingFailure("health check", this::check));
            } catch (RejectedExecutionException e) {
                // Closed: nothing to supervise.
            }
        });
    }

    private void check() {
        if (closed || sidecar == null) {
            return;
        }
        SidecarProcess process = sidecar.process();
        if (!process.isAlive()) {
            crashed("exited with code " + process.exitCode().orElse(-1));
            return;
        }
        String problem;
        try {
            HealthCheckResponse.ServingStatus status = HealthGrpc.newBlockingStub(sidecar.channel())
                    .withDeadlineAfter(settings.healthTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .check(HealthCheckRequest.getDefaultInstance())
                    .getStatus();
            problem = status == HealthCheckResponse.ServingStatus.SERVING ? null : "health " + status;
        } catch (StatusRuntimeException e) {
            WorkerFailure failure = WorkerFailure.of(e);
            if (failure.kind() == WorkerFailure.Kind.OVERLOADED) {
                overloaded(process, failure);
                return;
            }
            problem = "health check " + e.getStatus().getCode();
        }
        int overloaded = overloadedChecks.getAndSet(0);
        if (overloaded > 0) {
            log.info("sidecar pid {} has room again after {} overloaded health check(s)", process.pid(), overloaded);
        }
        if (problem == null) {
            if (consecutiveFailures > 0) {
                log.info(
                        "sidecar pid {} answers again after {} failed health check(s)",
                        process.pid(),
                        consecutiveFailures);
            }
            consecutiveFailures = 0;
            failedChecks = 0;
            if (restartAttempt > 0
                    && System.nanoTime() - lastStartNanos
                            > settings.crashLoopWindow().toNanos()) {
                restartAttempt = 0; // stable long enough: the next crash is a fresh incident
            }
            if (settings.maxRssBytes() > 0) {
                enforceMemoryCeiling();
            }
            return;
        }
        consecutiveFailures++;
        failedChecks = consecutiveFailures;
        log.warn(
                "sidecar pid {}: {} ({} of {})",
                process.pid(),
                problem,
                consecutiveFailures,
                settings.failureThreshold());
        if (consecutiveFailures >= settings.failureThreshold()) {
            log.warn("sidecar pid {} is unhealthy; killing it", process.pid());
            process.kill();
            crashed("unhealthy: " + consecutiveFailures + " failed health checks, last " + problem);
        }
    }

    /**
     * An answer, even "no room", proves the process alive and serving its protocol: killing it would cut every
     * session it carries and start a replacement into the same load. It is said once, and the failure count, which
     * only silence or a wrong answer raises, starts again.
     */
    private void overloaded(SidecarProcess process, WorkerFailure failure) {
        if (overloadedChecks.getAndIncrement() == 0) {
            log.warn("sidecar pid {} is overloaded ({}); keeping it", process.pid(), failure.technical());
        }
        consecutiveFailures = 0;
        failedChecks = 0;
    }

    /**
     * Replaces a sidecar that grew past the memory ceiling. The replacement is started first (that takes a second);
     * the switch waits for a moment when nobody speaks into the old one, so the sessions that move (by the same replay
     * as after a crash) carry no speech in flight.
     */
    private void enforceMemoryCeiling() {
        Optional<HealthResponse> health = workerHealth(sidecar);
        if (health.isEmpty() || health.get().getProcessRssBytes() <= settings.maxRssBytes()) {
            return;
        }
        String reason = String.format(
                Locale.ROOT,
                "resident memory %d MB above the ceiling of %d MB",
                health.get().getProcessRssBytes() >> 20,
                settings.maxRssBytes() >> 20);
        if (standby == null) {
            try {
                standby = SidecarConnection.connect(SidecarProcess.start(launch), clientSettings);
                log.info(
                        "sidecar pid {}: {}; replacement pid {} takes over at the next pause in speech",
                        sidecar.process().pid(),
                        reason,
                        standby.process().pid());
            } catch (SidecarStartException e) {
                log.warn(
                        "sidecar pid {}: {}, but a replacement did not start ({}); keeping it",
                        sidecar.process().pid(),
                        reason,
                        e.getMessage());
                return;
            }
            health = workerHealth(sidecar);
        }
        if (health.isEmpty() || health.get().getSpeakingSessions() > 0) {
            return;
        }
        SidecarConnection old = sidecar;
        SidecarConnection next = standby;
        standby = null;
        // Killed at once, before anything else: speech that starts between the health answer and the kill would be
        // cut mid-utterance (and replayed whole on the new one), so that window is kept to the answer's way back.
        // Killed, not drained: a drain would end the sessions' streams as if they were done, while a lost stream
        // makes each client move its session to the new sidecar and replay what is not final yet; the clients wait
        // for the announcement below before they move.
        old.process().kill();
        memoryRestarts.incrementAndGet(); // counted before the announcement, so whoever sees the move sees the count
        serveWith(next);
        log.warn(
                "sidecar pid {} replaced by pid {}: {}",
                old.process().pid(),
                next.process().pid(),
                reason);
        old.close();
    }

    private Optional<HealthResponse> workerHealth(SidecarConnection s) {
        try {
            return Optional.of(VoiceWorkerGrpc.newBlockingStub(s.channel())
                    .withDeadlineAfter(settings.healthTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .getHealth(GetHealthRequest.getDefaultInstance()));
        } catch (StatusRuntimeException e) {
            return Optional.empty(); // the grpc.health check decides about unhealthy sidecars
        }
    }

    private void closeStandby() {
        if (standby != null) {
            standby.close();
            standby = null;
        }
    }

    private void crashed(String why) {
        closeStandby(); // the restart below starts a fresh one; one spare is enough
        SidecarConnection dead = sidecar;
        sidecar = null;
        consecutiveFailures = 0;
        failedChecks = 0;
        if (dead != null) {
            dead.close(); // the process is gone or killed: this only reaps it and closes the channel
        }
        long now = System.nanoTime();
        crashTimes.addLast(now);
        while (!crashTimes.isEmpty()
                && now - crashTimes.peekFirst() > settings.crashLoopWindow().toNanos()) {
            crashTimes.removeFirst();
        }
        if (crashTimes.size() >= settings.crashLoopCount()) {
            giveUp("crash loop: the sidecar failed " + crashTimes.size() + " times within "
                    + settings.crashLoopWindow().toSeconds() + " s (last: " + why + ")");
            return;
        }
        Duration delay = settings.backoff(++restartAttempt);
        restartDelays.add(delay);
        log.warn("sidecar {}; restart {} in {} ms", why, restartAttempt, delay.toMillis());
        // Not kept: nothing waits for the restart, and a failure of it logs itself.
        var unused = loop.schedule(loggingFailure("restart", this::restart), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A task for the loop whose failure is logged: the loop keeps it in a future nobody reads, so it would otherwise
     * vanish, and supervision with it. It is still thrown on, so a failed periodic check stops as before.
     */
    private static Runnable loggingFailure(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                log.error("sidecar supervision: {} failed", what, e);
                throw e;
            }
        };
    }

    /** Puts a new sidecar behind the channel and tells recovering sessions to move there. */
    private void serveWith(SidecarConnection next) {
        sidecar = next;
        lastStartNanos = System.nanoTime();
        channel.switchTo(next.channel());
        watchExit(next);
    }

    private void restart() {
        if (closed) {
            return;
        }
        try {
            SidecarConnection next = SidecarConnection.connect(SidecarProcess.start(launch), clientSettings);
            if (closed) {
                next.close();
                return;
            }
            restarts.incrementAndGet();
            serveWith(next);
            log.info("sidecar restarted (pid {})", next.process().pid());
        } catch (SidecarStartException e) {
            crashed("restart failed: " + e.reason());
        }
    }

    private void giveUp(String reason) {
        if (!fallbackEnabled) {
            log.error("{}; not restarting it, and fallback to the embedded worker is off", reason);
            mode = "sidecar (stopped: " + reason + ")";
            return;
        }
        log.warn("{}; falling back to the embedded worker", reason);
        try {
            WorkerHandle replacement = embedded.start(Optional.of(reason));
            fallback = replacement;
            fallbackReason = Optional.of(reason);
            mode = replacement.mode();
            channel.switchTo(replacement.channel()); // announced last: whoever moves sees the mode and the reason
        } catch (Exception e) {
            log.error("the embedded worker failed to start too", e);
            mode = "sidecar (stopped: " + reason + "; embedded worker failed: " + e.getMessage() + ")";
        }
    }

    /** Stops supervising, then the sidecar (SIGTERM, drain, SIGKILL) or the embedded worker. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            onLoop(() -> {
                closeStandby();
                if (sidecar != null) {
                    sidecar.close();
                    sidecar = null;
                }
                if (fallback != null) {
                    fallback.close();
                    fallback = null;
                }
                return null;
            });
        } finally {
            loop.shutdownNow();
        }
    }

    private <T> T onLoop(java.util.concurrent.Callable<T> task) {
        try {
            if (Thread.currentThread() == loopThread) {
                return task.call();
            }
            return loop.submit(task).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("supervisor closed", e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
