package dev.voiceconsole.worker;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import dev.voiceconsole.engine.EngineInfo;
import dev.voiceconsole.proto.v1.SessionConfig;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The voice worker without its transport: sessions, limits, stop/drain and health. The gRPC service is a thin
 * adapter over this class, so the same core serves embedded and sidecar modes.
 *
 * <p>Threading: session processing runs on a shared cached pool, serially per session (a session never has more
 * than one task in flight), so the pool holds at most one thread per busy session and idle sessions hold none.
 * A session stuck in a long decode only occupies its own thread. A single scheduler thread reaps idle sessions.
 */
public final class WorkerCore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkerCore.class);

    private final WorkerSettings settings;
    private final PolicyFactory policies;
    private final AudioConverterFactory audio;
    private final EngineInfo engineInfo;
    private final WorkerMetrics metrics;
    private final SessionConfigValidator validator = new SessionConfigValidator();
    private final SessionRegistry registry;
    private final ExecutorService sessionExecutor;
    private final ScheduledExecutorService reaper;
    private final long startNanos = System.nanoTime();
    private final List<Runnable> drainListeners = new CopyOnWriteArrayList<>();
    private volatile boolean draining;

    public WorkerCore(
            WorkerSettings settings, PolicyFactory policies, AudioConverterFactory audio, EngineInfo engineInfo) {
        this(settings, policies, audio, engineInfo, WorkerMetrics.NONE);
    }

    /** @param metrics told about sessions, chunks, decodes and errors as they happen */
    public WorkerCore(
            WorkerSettings settings,
            PolicyFactory policies,
            AudioConverterFactory audio,
            EngineInfo engineInfo,
            WorkerMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.audio = Objects.requireNonNull(audio, "audio");
        this.engineInfo = Objects.requireNonNull(engineInfo, "engineInfo");
        this.registry = new SessionRegistry(settings.maxSessions(), settings.recentlyStoppedMemory());
        this.sessionExecutor = new ThreadPoolExecutor(
                0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), daemonThreads("session-pool-"));
        this.reaper = Executors.newSingleThreadScheduledExecutor(daemonThreads("session-reaper-"));
        long period = Math.max(10, Math.min(1000, settings.idleReapAfter().toMillis() / 4));
        // Not kept: reapIdleSessions logs its own failures, and close() ends it with the executor.
        var unused = reaper.scheduleWithFixedDelay(this::reapIdleSessions, period, period, TimeUnit.MILLISECONDS);
    }

    public WorkerSettings settings() {
        return settings;
    }

    /**
     * Reserves a session slot.
     *
     * @param requestedId empty = assign one
     * @throws WorkerException UNAVAILABLE (draining), INVALID_ARGUMENT (config or id), ALREADY_EXISTS, RESOURCE_EXHAUSTED
     */
    public CreatedSession createSession(String requestedId, SessionConfig config) {
        requireNotDraining();
        SessionSpec spec = validator.validate(config);
        Session session = registry.register(
                requestedId,
                id -> new Session(
                        id,
                        spec,
                        settings,
                        policies.create(spec.policy()),
                        audio.create(spec.sampleRateHz(), spec.channels()),
                        sessionExecutor,
                        this::releaseCancelled,
                        metrics));
        metrics.sessionCreated();
        log.info(
                "session {} created ({} Hz, {} ch, {}, language {})",
                session.id(),
                spec.sampleRateHz(),
                spec.channels(),
                spec.policy().live() ? "live" : "offline",
                spec.policy().language());
        return new CreatedSession(
                session.id(), settings.workerId(), settings.maxChunkBytes(), settings.maxPendingBytes());
    }

    /**
     * Attaches the audio stream of a session; its events go to {@code sink}.
     *
     * @throws WorkerException UNAVAILABLE (draining), NOT_FOUND (unknown or stopped), FAILED_PRECONDITION (has a stream)
     */
    public AudioStreamHandle openStream(String sessionId, EventSink sink) {
        requireNotDraining();
        if (sessionId.isEmpty()) {
            throw new WorkerException(WorkerException.Reason.NOT_FOUND, "the first audio chunk must name its session");
        }
        return registry.require(sessionId).attach(sink);
    }

    /**
     * Flushes a session (finals go to its stream and into the result) and releases its slot. Idempotent.
     *
     * @param lastSequence when not 0 (an unsigned 64-bit number), first wait (bounded) until this chunk has arrived
     * @param timeout what the caller can wait in total (the call's deadline)
     * @throws WorkerException NOT_FOUND (never existed), DEADLINE_EXCEEDED (flush too slow; the session is released anyway)
     */
    public StopOutcome stopSession(String sessionId, long lastSequence, Duration timeout) {
        if (sessionId.isEmpty()) {
            throw new WorkerException(
                    WorkerException.Reason.INVALID_ARGUMENT, "StopSession needs the session_id of the session to stop");
        }
        Session session = registry.find(sessionId).orElse(null);
        if (session == null) {
            if (registry.wasReleased(sessionId)) {
                return new StopOutcome(true, List.of(), 0);
            }
            throw new WorkerException(WorkerException.Reason.NOT_FOUND, "no session " + sessionId);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (lastSequence != 0) { // uint64: 2^63 and above read as negative longs
                long waitUntil = Math.min(
                        deadline,
                        System.nanoTime() + settings.stopWaitForChunks().toNanos());
                session.awaitReceived(lastSequence, waitUntil);
            }
            List<dev.voiceconsole.proto.v1.FinalSegment> finals = session.stop(deadline);
            log.info(
                    "session {} stopped ({} s of audio, {} final segment(s) flushed)",
                    sessionId,
                    String.format("%.1f", session.audioSeconds()),
                    finals.size());
            return new StopOutcome(false, finals, session.audioSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkerException(
                    WorkerException.Reason.UNAVAILABLE, "stopping session " + sessionId + " was interrupted", e);
        } finally {
            session.close(null);
            release(session, WorkerMetrics.SessionEnd.STOP_SESSION);
        }
    }

    /** Frees the slot; only the call that actually freed it counts, so every session ends once in the metrics. */
    private boolean release(Session session, WorkerMetrics.SessionEnd how) {
        boolean released = registry.release(session);
        if (released) {
            metrics.sessionEnded(how);
        }
        return released;
    }

    private void releaseCancelled(Session session) {
        session.close(null);
        if (release(session, WorkerMetrics.SessionEnd.STREAM_CANCELLED)) {
            log.info("session {} released: its stream was cancelled by the client", session.id());
        }
    }

    private void reapIdleSessions() {
        try {
            for (Session s : registry.idleSessions(settings.idleReapAfter().toNanos(), System.nanoTime())) {
                s.close(null);
                if (release(s, WorkerMetrics.SessionEnd.IDLE_REAPED)) {
                    log.info("session {} reaped: no stream for {}", s.id(), settings.idleReapAfter());
                }
            }
        } catch (RuntimeException e) {
            log.error("idle reaper failed", e); // must not kill the scheduled task
        }
    }

    public WorkerHealth health() {
        int active = registry.activeCount();
        WorkerHealth.State state = draining
                ? WorkerHealth.State.NOT_SERVING
                : active >= settings.maxSessions() ? WorkerHealth.State.DEGRADED : WorkerHealth.State.SERVING;
        return new WorkerHealth(
                settings.workerId(),
                state,
                active,
                settings.maxSessions(),
                bufferedBytes(),
                heldAudioBytes(),
                Duration.ofNanos(System.nanoTime() - startNanos),
                engineInfo,
                engineInfo.threads(),
                ProcessMemory.residentBytes(),
                ProcessMemory.heapUsedBytes(),
                settings.softwareVersion(),
                settings.mode(),
                (int) registry.sessions().stream().filter(Session::isSpeaking).count());
    }

    /** PCM accepted but not yet fed to a policy, all sessions. */
    public long bufferedBytes() {
        return registry.sessions().stream().mapToLong(Session::pendingBytes).sum();
    }

    /** Heap the sessions' policies take for audio still to be decoded. */
    public long heldAudioBytes() {
        return registry.sessions().stream().mapToLong(Session::heldBytes).sum();
    }

    public boolean isDraining() {
        return draining;
    }

    /** Runs once when draining starts (e.g. to flip the standard health service to NOT_SERVING). */
    public void onDrain(Runnable listener) {
        drainListeners.add(listener);
    }

    /**
     * Stops accepting sessions and streams (UNAVAILABLE) and flushes every open session within {@code deadline}:
     * attached streams get their finals and are completed.
     */
    public void drain(Duration deadline) {
        synchronized (this) {
            if (draining) {
                return;
            }
            draining = true;
        }
        drainListeners.forEach(Runnable::run);
        List<Session> open = registry.sessions();
        log.info("draining: flushing {} open session(s)", open.size());
        long end = System.nanoTime() + deadline.toNanos();
        for (Session s : open) {
            Duration left = Duration.ofNanos(Math.max(0, end - System.nanoTime()));
            try {
                stopSession(s.id(), 0, left);
            } catch (WorkerException e) {
                log.warn("draining: session {} could not be flushed: {}", s.id(), e.getMessage());
            }
        }
    }

    private void requireNotDraining() {
        if (draining) {
            throw new WorkerException(WorkerException.Reason.UNAVAILABLE, "worker is shutting down");
        }
    }

    /** Releases every session without flushing and stops the threads. Call {@link #drain} first for a clean stop. */
    @Override
    public void close() {
        draining = true;
        for (Session s : registry.sessions()) {
            s.close(new WorkerException(WorkerException.Reason.UNAVAILABLE, "worker is shutting down"));
            release(s, WorkerMetrics.SessionEnd.SHUTDOWN);
        }
        reaper.shutdownNow();
        sessionExecutor.shutdownNow();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        return new ThreadFactoryBuilder()
                .setNameFormat(prefix + "%d")
                .setDaemon(true)
                .build();
    }
}
