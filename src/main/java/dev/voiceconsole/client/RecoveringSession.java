package dev.voiceconsole.client;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import dev.voiceconsole.proto.v1.CreateSessionResponse;
import dev.voiceconsole.proto.v1.FinalSegment;
import dev.voiceconsole.proto.v1.SessionConfig;
import dev.voiceconsole.proto.v1.StreamEvent;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live dictation that survives the loss of its worker. Every chunk sent stays in a bounded {@link ReplayBuffer}
 * until the worker commits it as final text. When the stream breaks because the worker went away (a sidecar killed
 * or crashed: UNAVAILABLE, or CANCELLED by the transport), this session waits for the channel to reach a worker
 * again (a supervisor restarts the sidecar or falls back to an embedded worker), creates a new session with the same
 * configuration, plays the uncommitted audio into it and then carries on with live audio.
 *
 * <p>Exactly-once final text: the replay starts at the end of the last final the caller received, so the new worker
 * cannot produce that text again; a final the old worker made but never delivered is made again from the replayed
 * audio. The caller sees the dictation as one stream: its own chunk numbers, stream times counted from the first
 * chunk of the dictation, segment ids counting up, utterance ids unique across workers. Events keep the session and
 * worker ids of the worker that produced them. A live partial of an utterance the lost worker never finished is
 * withdrawn (an empty partial), since the new worker decodes that speech afresh under a new utterance id.
 *
 * <p>The bookkeeping behind that promise is a {@link DictationLedger} and the search for a new worker a
 * {@link Reconnector}; this class holds the lock, the streams and the hand-over between them.
 *
 * <p>Threads: {@link #send} may be called from any thread (calls are serialized); events reach the
 * {@link StreamListener} on the stream's listener thread (see {@link AudioStream}) and, for a withdrawn partial, on
 * the recovery thread, never two at once.
 */
public final class RecoveringSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RecoveringSession.class);

    private enum State {
        STREAMING,
        RECOVERING,
        STOPPED,
        FAILED
    }

    /** One worker session carrying the dictation. */
    private static final class Attempt {
        final String sessionId;
        final String workerId;
        final ReplayMapping mapping;
        volatile AudioStream stream;
        boolean broken; // guarded by the session

        Attempt(CreateSessionResponse created, ReplayMapping mapping) {
            this.sessionId = created.getSessionId();
            this.workerId = created.getWorkerId();
            this.mapping = mapping;
        }
    }

    private final VoiceWorkerClient client;
    private final RecoverySettings settings;
    private final Reconnector reconnector;
    private final StreamListener listener;
    private final RecoveryListener recoveryListener;
    private final ExecutorService recoveryThread;
    // Serializes every hand-over of audio to a stream (caller's sends and replays), so each stream gets it in order.
    private final Object sendLock = new Object();

    // Guarded by "this".
    private final DictationLedger ledger;
    private final List<RecoveryReport> recoveries = new ArrayList<>();
    private State state = State.STREAMING;
    private Attempt current;
    private boolean stopping;
    private boolean closed;
    private long lostAtNanos;
    private Throwable failure;

    private RecoveringSession(
            VoiceWorkerClient client,
            SessionPlacement placement,
            SessionConfig config,
            WorkerReplacements replacements,
            RecoverySettings settings,
            StreamListener listener,
            RecoveryListener recoveryListener) {
        this.client = client;
        this.settings = settings;
        this.reconnector = new Reconnector(placement, config, replacements, settings);
        this.listener = listener;
        this.recoveryListener = recoveryListener;
        int rate = config.getSampleRateHz();
        int channels = Math.max(1, config.getChannels());
        this.ledger = new DictationLedger(rate, channels, settings.maxReplayBytes(rate, channels));
        this.recoveryThread = Executors.newSingleThreadExecutor(new ThreadFactoryBuilder()
                .setNameFormat("voice-session-recovery")
                .setDaemon(true)
                .build());
    }

    /**
     * Creates the first worker session and opens its stream. A failure here is the caller's to handle (nothing to
     * recover yet).
     *
     * @param config must name its sample rate (the replay buffer counts frames)
     * @param replacements announces a replaced worker behind the client's channel (a supervisor's), or
     *                     {@link WorkerReplacements#none()}
     */
    public static RecoveringSession start(
            VoiceWorkerClient client,
            SessionConfig config,
            WorkerReplacements replacements,
            RecoverySettings settings,
            StreamListener listener,
            RecoveryListener recoveryListener) {
        return start(client, lost -> client, config, replacements, settings, listener, recoveryListener);
    }

    /**
     * Like {@link #start(VoiceWorkerClient, SessionConfig, WorkerReplacements, RecoverySettings, StreamListener,
     * RecoveryListener)}, but a lost worker's dictation may move to another worker: {@code placement} names the
     * client to recover on (asked again on every retry, so a pool can skip a worker that is still unreachable).
     *
     * @param client the worker the session starts on (and stays pinned to until it is lost)
     */
    public static RecoveringSession start(
            VoiceWorkerClient client,
            SessionPlacement placement,
            SessionConfig config,
            WorkerReplacements replacements,
            RecoverySettings settings,
            StreamListener listener,
            RecoveryListener recoveryListener) {
        if (config.getSampleRateHz() == 0) {
            throw new IllegalArgumentException("a recovering session needs the sample rate in its config");
        }
        RecoveringSession session =
                new RecoveringSession(client, placement, config, replacements, settings, listener, recoveryListener);
        CreateSessionResponse created = client.createSession(config);
        synchronized (session) {
            session.openAttempt(client, created);
        }
        return session;
    }

    /** The worker session now carrying the dictation (it changes on recovery). */
    public synchronized String sessionId() {
        return current.sessionId;
    }

    public synchronized String workerId() {
        return current.workerId;
    }

    /** Finals delivered so far, in order, with dictation times. */
    public synchronized List<FinalSegment> finals() {
        return ledger.finals();
    }

    public synchronized List<RecoveryReport> recoveries() {
        return List.copyOf(recoveries);
    }

    /** Sequence number of the last chunk handed to {@link #send} (0 before any). */
    public synchronized long lastSequence() {
        return ledger.lastSequence();
    }

    /** Chunk round trips on the worker serving the dictation now (a recovery starts a new count). */
    public RoundTripStats roundTrips() {
        Attempt attempt;
        synchronized (this) {
            attempt = current;
        }
        AudioStream stream = attempt == null ? null : attempt.stream;
        return stream == null ? new RoundTripTracker().snapshot() : stream.roundTrips();
    }

    /** Bytes of uncommitted audio held for replay. */
    public synchronized long replayBytes() {
        return ledger.replayBytes();
    }

    /**
     * Sends one chunk of interleaved PCM16LE (whole frames). While the session recovers the chunk is only kept and
     * goes to the new worker with the replay, so a capture thread is not held up by the recovery.
     *
     * @return the chunk's sequence number in this dictation (events carry it)
     * @throws RecoveryFailedException when the worker was lost for good
     * @throws IllegalStateException after {@link #stop()} or {@link #close()}
     */
    public long send(byte[] pcm16le, long captureTimeUs) {
        synchronized (sendLock) {
            byte[] pcm = pcm16le.clone(); // kept for replay: the caller may reuse its array
            DictationLedger.Appended kept;
            AudioStream target = null;
            synchronized (this) {
                requireOpenForAudio();
                kept = ledger.append(pcm, captureTimeUs);
                if (state == State.STREAMING) {
                    current.mapping.sent(kept.sequence(), kept.startFrame(), kept.frames());
                    target = current.stream;
                }
            }
            kept.overflow().ifPresent(o -> {
                if (kept.firstOverflow()) {
                    log.warn(
                            "replay buffer full ({}): dropping uncommitted audio from {} s on (speech possibly lost: {})",
                            settings.maxReplay(),
                            o.droppedFromS(),
                            o.speechPossiblyLost());
                }
                recoveryListener.onReplayOverflow(o);
            });
            if (target != null) {
                try {
                    target.send(pcm, captureTimeUs);
                } catch (StatusRuntimeException | IllegalStateException e) {
                    if (!WorkerFailure.of(e).isWorkerLost()) {
                        throw e;
                    }
                    // The stream broke under us: the chunk is buffered and the recovery replays it.
                }
            }
            return kept.sequence();
        }
    }

    private void requireOpenForAudio() {
        if (closed || stopping || state == State.STOPPED) {
            throw new IllegalStateException("dictation was stopped; no more audio");
        }
        if (state == State.FAILED) {
            throw new RecoveryFailedException(
                    "the worker was lost and the dictation could not be recovered: " + failure.getMessage(), failure);
        }
    }

    /**
     * Ends the dictation: waits out a recovery in progress, then stops the worker session (its last finals arrive
     * on the listener first). Should the worker be lost during the stop, the session recovers and stops again.
     *
     * @return every final of the dictation, in order
     */
    public List<FinalSegment> stop() throws InterruptedException {
        long deadline = System.nanoTime()
                + client.settings().stopTimeout().toNanos()
                + settings.recoveryTimeout().toNanos();
        synchronized (sendLock) { // no send is half done once stopping is set
            synchronized (this) {
                stopping = true;
            }
        }
        while (true) {
            Attempt attempt;
            synchronized (this) {
                while (state == State.RECOVERING && !closed) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new RecoveryFailedException(
                                "no worker took the dictation over in time to stop it", failure);
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
                if (closed) {
                    throw new IllegalStateException("dictation was closed");
                }
                if (state == State.FAILED) {
                    throw new RecoveryFailedException(
                            "the worker was lost and the dictation could not be recovered: " + failure.getMessage(),
                            failure);
                }
                if (state == State.STOPPED) {
                    return ledger.finals();
                }
                attempt = current;
            }
            try {
                attempt.stream.stop();
            } catch (StatusRuntimeException | IllegalStateException e) {
                // NOT_FOUND for a session whose stream is still ours: the channel may already lead to the worker that
                // replaced the lost one, which never knew it. The stream's own end tells the two cases apart below.
                if (!WorkerFailure.of(e).isWorkerLost() && WorkerFailure.of(e).code() != Status.Code.NOT_FOUND) {
                    throw e;
                }
                // Let the stream's own error land: it starts the recovery we then wait for.
                boolean ended =
                        attempt.stream.awaitEnd(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                synchronized (this) {
                    if (!attempt.broken) {
                        if (ended && WorkerFailure.of(e).isWorkerLost()) {
                            // The worker ended the stream as a stop does, after its last final, and was lost before
                            // its answer came back (a supervisor replacing it once the session fell silent): the
                            // dictation is complete, and stopping again elsewhere would find no such session.
                            log.info(
                                    "worker lost after session {} was flushed; its finals are all delivered",
                                    attempt.sessionId);
                            state = State.STOPPED;
                            notifyAll();
                            return ledger.finals();
                        }
                        throw e;
                    }
                }
                log.info("worker lost while stopping session {}; stopping again after recovery", attempt.sessionId);
                continue;
            }
            synchronized (this) {
                if (!attempt.broken) {
                    state = State.STOPPED;
                    notifyAll();
                    return ledger.finals();
                }
            }
        }
    }

    /** Abandons the dictation without final text; stops any recovery. Idempotent. */
    @Override
    public void close() {
        Attempt attempt;
        boolean stopped;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            attempt = current;
            stopped = state == State.STOPPED;
            notifyAll();
        }
        recoveryThread.shutdownNow();
        if (!stopped && attempt != null && attempt.stream != null) {
            attempt.stream.cancel();
        }
    }

    // ------------------------------------------------------------ recovery

    // Holds "this".
    private Attempt openAttempt(VoiceWorkerClient target, CreateSessionResponse created) {
        Attempt attempt = new Attempt(created, ledger.newWorker());
        current = attempt;
        attempt.stream = target.openStream(created.getSessionId(), new AttemptListener(attempt));
        return attempt;
    }

    private void recover(Attempt lost, Throwable cause) {
        long detected;
        synchronized (this) {
            detected = lostAtNanos;
        }
        Reconnector.Reconnected found;
        try {
            Optional<Reconnector.Reconnected> reconnected =
                    reconnector.reconnect(lost.workerId, cause, detected, () -> {
                        synchronized (this) {
                            return !closed && current == lost;
                        }
                    });
            if (reconnected.isEmpty()) {
                return;
            }
            found = reconnected.get();
        } catch (RecoveryFailedException e) {
            fail(lost, e);
            return;
        }
        VoiceWorkerClient target = found.client();
        CreateSessionResponse created = found.created();
        Attempt next;
        Duration toNewSession = Duration.ofNanos(System.nanoTime() - detected);
        Optional<StreamEvent> withdrawal;
        synchronized (this) {
            if (closed || current != lost) {
                abandonQuietly(target, created.getSessionId());
                return;
            }
            withdrawal = ledger.withdrawOpenPartial(lost.sessionId, lost.workerId);
            next = openAttempt(target, created);
        }
        log.info(
                "session {} on worker {} replaces session {} on lost worker {} after {} ms",
                next.sessionId,
                next.workerId,
                lost.sessionId,
                lost.workerId,
                toNewSession.toMillis());
        withdrawal.ifPresent(listener::onEvent);
        replay(next, lost, detected, toNewSession);
    }

    /** Plays the buffered audio into the new session, then hands the stream back to live audio. */
    private void replay(Attempt attempt, Attempt lost, long detected, Duration toNewSession) {
        long last = 0;
        long fromFrame = -1;
        long frames = 0;
        RecoveryReport report;
        while (true) {
            synchronized (sendLock) {
                ReplayBuffer.Entry entry;
                AudioStream target;
                synchronized (this) {
                    if (closed || current != attempt || attempt.broken) {
                        return; // a newer failure has its own recovery queued
                    }
                    Optional<ReplayBuffer.Entry> next = ledger.uncommittedAfter(last);
                    if (next.isEmpty()) {
                        state = State.STREAMING;
                        notifyAll();
                        report = new RecoveryReport(
                                recoveries.size() + 1,
                                lost.workerId,
                                attempt.workerId,
                                attempt.sessionId,
                                ledger.seconds(fromFrame < 0 ? ledger.uncommittedStartFrame() : fromFrame),
                                ledger.seconds(frames),
                                toNewSession,
                                Duration.ofNanos(System.nanoTime() - detected));
                        recoveries.add(report);
                        break;
                    }
                    entry = next.get();
                    long entryFrames = ledger.frames(entry);
                    attempt.mapping.sent(entry.sequence(), entry.startFrame(), entryFrames);
                    fromFrame = fromFrame < 0 ? entry.startFrame() : fromFrame;
                    frames += entryFrames;
                    target = attempt.stream;
                }
                try {
                    target.send(entry.pcm(), entry.captureTimeUs());
                } catch (StatusRuntimeException | IllegalStateException e) {
                    if (WorkerFailure.of(e).isWorkerLost()) {
                        return; // the stream's error queues the next recovery
                    }
                    fail(
                            attempt,
                            new RecoveryFailedException(
                                    "replaying audio into the new worker failed: " + e.getMessage(), e));
                    return;
                }
                last = entry.sequence();
            }
        }
        log.info(
                "recovered: {} s of uncommitted audio from {} s replayed into worker {}; {} ms from loss to caught up",
                report.replayedSeconds(),
                report.replayFromS(),
                report.newWorkerId(),
                report.toCaughtUp().toMillis());
        recoveryListener.onRecovered(report);
    }

    private void fail(Attempt attempt, RecoveryFailedException error) {
        synchronized (this) {
            if (current != attempt || state == State.STOPPED || closed) {
                return;
            }
            state = State.FAILED;
            failure = error;
            notifyAll();
        }
        log.error("dictation lost: {}", error.getMessage());
        listener.onError(error);
    }

    private static void abandonQuietly(VoiceWorkerClient target, String sessionId) {
        try {
            target.stopSession(sessionId, 0);
        } catch (RuntimeException e) {
            log.debug("could not release unused session {}: {}", sessionId, e.getMessage());
        }
    }

    private static String describe(Throwable t) {
        return WorkerFailure.of(t).technical();
    }

    // ------------------------------------------------------------ events of one worker session

    private final class AttemptListener implements StreamListener {
        private final Attempt attempt;

        AttemptListener(Attempt attempt) {
            this.attempt = attempt;
        }

        @Override
        public void onEvent(StreamEvent event) {
            Optional<StreamEvent> out;
            synchronized (RecoveringSession.this) {
                if (attempt != current || closed) {
                    return;
                }
                out = ledger.toCaller(event, attempt.mapping, attempt.workerId);
            }
            out.ifPresent(listener::onEvent);
        }

        @Override
        public void onCompleted() {
            synchronized (RecoveringSession.this) {
                if (attempt != current || closed) {
                    return;
                }
            }
            listener.onCompleted();
        }

        @Override
        public void onError(Throwable error) {
            boolean recovering;
            synchronized (RecoveringSession.this) {
                if (attempt != current || closed || state == State.STOPPED || state == State.FAILED) {
                    return;
                }
                attempt.broken = true;
                recovering = WorkerFailure.of(error).isWorkerLost();
                if (recovering) {
                    state = State.RECOVERING;
                    lostAtNanos = System.nanoTime();
                    try {
                        recoveryThread.execute(() -> recover(attempt, error));
                    } catch (RejectedExecutionException e) {
                        recovering = false; // closed meanwhile
                    }
                } else {
                    state = State.FAILED;
                    failure = error;
                }
                RecoveringSession.this.notifyAll();
            }
            if (recovering) {
                log.warn(
                        "lost worker {} (session {}): {}; recovering",
                        attempt.workerId,
                        attempt.sessionId,
                        describe(error));
                recoveryListener.onWorkerLost(error);
            } else {
                listener.onError(error);
            }
        }
    }
}
