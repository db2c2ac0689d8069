package dev.voiceconsole.client;

import dev.voiceconsole.audio.RealTimePacer;
import dev.voiceconsole.proto.v1.FinalSegment;
import dev.voiceconsole.proto.v1.GetHealthRequest;
import dev.voiceconsole.proto.v1.HealthResponse;
import dev.voiceconsole.proto.v1.ServingState;
import dev.voiceconsole.proto.v1.SessionConfig;
import dev.voiceconsole.proto.v1.SessionMode;
import dev.voiceconsole.proto.v1.VoiceWorkerGrpc;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several remote workers seen as one. A new session goes to the healthiest, least-loaded worker and stays pinned
 * there: its create, stream and stop all use that worker's channel (a per-call load balancer would send the stream
 * to a worker that never heard of the session). When a pinned worker is lost, {@link #placement()} moves the
 * dictation to another worker that answers its health check.
 */
public final class WorkerPool implements AutoCloseable {

    /** Below any worker's limit (the default is 256 KiB): the chunk size is fixed before the worker is known. */
    private static final int REMOTE_MAX_CHUNK_BYTES = 32 * 1024;

    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);

    /** One worker: a name for messages (its {@code host:port}) and a channel carrying its token. */
    public record Target(String name, Channel channel) {}

    /** Where one session lives. */
    public record PinnedWorker(String target, String workerId, VoiceWorkerClient client) {}

    /** One health poll: the health, or why the worker could not be asked. */
    public record WorkerStatus(String target, Optional<HealthResponse> health, String problem) {
        boolean usable() {
            return health.isPresent()
                    && (health.get().getState() == ServingState.SERVING
                            || health.get().getState() == ServingState.DEGRADED)
                    && !full(health.get());
        }

        /** At capacity: CreateSession would be refused, so placing a session there only fails later. */
        static boolean full(HealthResponse h) {
            return h.getMaxSessions() > 0 && h.getActiveSessions() >= h.getMaxSessions();
        }

        /** Free share of the worker's capacity: more is better; a worker without a limit counts as empty. */
        double load() {
            HealthResponse h = health.orElseThrow();
            return h.getMaxSessions() == 0 ? 0 : (double) h.getActiveSessions() / h.getMaxSessions();
        }
    }

    private final List<Target> targets;
    private final List<VoiceWorkerClient> clients = new ArrayList<>();
    private final Duration healthDeadline;
    private final List<AutoCloseable> owned;

    /**
     * @param healthDeadline how long one health poll may take: an unreachable worker costs at most this
     * @param owned          closed with the pool (the managed channels behind the targets)
     */
    public WorkerPool(
            List<Target> targets,
            ClientSettings settings,
            Duration healthDeadline,
            List<? extends AutoCloseable> owned) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("a worker pool needs at least one worker");
        }
        this.targets = List.copyOf(targets);
        this.healthDeadline = healthDeadline;
        this.owned = List.copyOf(owned);
        for (Target t : targets) {
            clients.add(new VoiceWorkerClient(t.channel(), settings));
        }
    }

    /** Asks every worker for its health (one after another, each within the deadline). */
    public List<WorkerStatus> poll() {
        List<WorkerStatus> out = new ArrayList<>();
        for (Target t : targets) {
            try {
                HealthResponse h = VoiceWorkerGrpc.newBlockingStub(t.channel())
                        .withDeadlineAfter(healthDeadline.toMillis(), TimeUnit.MILLISECONDS)
                        .getHealth(GetHealthRequest.getDefaultInstance());
                String problem = h.getState() == ServingState.NOT_SERVING
                        ? "not serving (draining)"
                        : WorkerStatus.full(h)
                                ? "full: " + h.getActiveSessions() + "/" + h.getMaxSessions() + " sessions"
                                : "";
                out.add(new WorkerStatus(t.name(), Optional.of(h), problem));
            } catch (StatusRuntimeException e) {
                out.add(new WorkerStatus(
                        t.name(), Optional.empty(), WorkerFailure.of(e).technical()));
            }
        }
        return out;
    }

    /** The worker for a new session: SERVING before DEGRADED, then the lowest share of its capacity in use. */
    public PinnedWorker place() {
        return placeAvoiding(null);
    }

    /**
     * Like {@link #place()}, but the worker {@code avoidWorkerId} only when no other is usable (it was just lost; it
     * may still answer for a moment while going down).
     *
     * @throws StatusRuntimeException UNAVAILABLE naming every worker and why it was skipped
     */
    public PinnedWorker placeAvoiding(String avoidWorkerId) {
        List<WorkerStatus> statuses = poll();
        Comparator<Integer> best = Comparator.<Integer>comparingInt(i ->
                        statuses.get(i).health().orElseThrow().getWorkerId().equals(avoidWorkerId) ? 1 : 0)
                .thenComparingInt(
                        i -> statuses.get(i).health().orElseThrow().getState() == ServingState.SERVING ? 0 : 1)
                .thenComparingDouble(i -> statuses.get(i).load())
                .thenComparingInt(i -> i); // ties go to the first named worker: placement is predictable
        Optional<Integer> chosen = java.util.stream.IntStream.range(0, statuses.size())
                .boxed()
                .filter(i -> statuses.get(i).usable())
                .min(best);
        if (chosen.isEmpty()) {
            StringBuilder why = new StringBuilder("no worker can take a session:");
            statuses.forEach(s -> why.append(' ')
                    .append(s.target())
                    .append(" (")
                    .append(s.problem())
                    .append(')'));
            throw Status.UNAVAILABLE.withDescription(why.toString()).asRuntimeException();
        }
        int i = chosen.get();
        WorkerStatus s = statuses.get(i);
        log.debug(
                "placing a session on {} ({}): {}/{} sessions",
                s.target(),
                s.health().get().getWorkerId(),
                s.health().get().getActiveSessions(),
                s.health().get().getMaxSessions());
        return new PinnedWorker(s.target(), s.health().get().getWorkerId(), clients.get(i));
    }

    /** The channel to the named target (health polls of the worker a dictation started on). */
    public Channel channel(String target) {
        return targets.stream()
                .filter(t -> t.name().equals(target))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a target of this pool: " + target))
                .channel();
    }

    /** Recovery moves a lost worker's dictation to another worker of the pool. */
    public SessionPlacement placement() {
        return lost -> placeAvoiding(lost).client();
    }

    /** Starts a dictation pinned to the best worker now, recovered on another should that worker be lost. */
    public RecoveringSession startSession(
            SessionConfig config,
            RecoverySettings settings,
            StreamListener listener,
            RecoveryListener recoveryListener) {
        PinnedWorker worker = place();
        return RecoveringSession.start(
                worker.client(), placement(), config, WorkerReplacements.none(), settings, listener, recoveryListener);
    }

    /**
     * Streams a recording through a LIVE session at {@code pace} times real time, as a microphone would; should the
     * worker serving it be lost, the session moves to another worker of the pool with its uncommitted audio replayed.
     */
    public TranscriptionResult transcribeLive(
            byte[] pcm16le,
            int sampleRateHz,
            int channels,
            SessionConfig config,
            int chunkMs,
            double pace,
            StreamListener listener,
            RecoveryListener recoveryListener)
            throws InterruptedException {
        SessionConfig live = config.toBuilder()
                .setSampleRateHz(sampleRateHz)
                .setChannels(channels)
                .setMode(SessionMode.SESSION_MODE_LIVE)
                .build();
        RealTimePacer pacer = new RealTimePacer(sampleRateHz, channels, chunkMs, REMOTE_MAX_CHUNK_BYTES, pace);
        try (RecoveringSession session = startSession(live, RecoverySettings.defaults(), listener, recoveryListener)) {
            pacer.play(pcm16le, session::send);
            List<FinalSegment> finals = session.stop();
            return new TranscriptionResult(
                    session.sessionId(),
                    finals,
                    pcm16le.length / (2.0 * channels * sampleRateHz),
                    session.roundTrips());
        }
    }

    /**
     * Transcribes a recording through an OFFLINE session on the best worker now. Should that worker be lost, the
     * whole recording goes again to another worker of the pool ({@link RecoveringBatch}), as long as one is left.
     */
    public TranscriptionResult transcribeOffline(
            byte[] pcm16le,
            int sampleRateHz,
            int channels,
            SessionConfig config,
            TranscriptionProgress progress,
            RecoveringBatch.Moves moves)
            throws InterruptedException {
        return new RecoveringBatch(
                        placement(), WorkerReplacements.none(), RecoverySettings.defaults(), targets.size() - 1)
                .run(
                        place().client(),
                        worker -> worker.transcribeOffline(pcm16le, sampleRateHz, channels, config, progress),
                        moves);
    }

    @Override
    public void close() {
        clients.forEach(VoiceWorkerClient::close);
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", c, e.toString());
            }
        }
    }
}
