package dev.voiceconsole.worker;

import dev.voiceconsole.audio.EpochMicros;
import dev.voiceconsole.proto.v1.AudioChunk;
import dev.voiceconsole.proto.v1.ChunkAck;
import dev.voiceconsole.proto.v1.FinalSegment;
import dev.voiceconsole.proto.v1.StreamEvent;
import dev.voiceconsole.worker.policy.TranscriptionPolicy;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One transcription session: its stream, its lock and its life (attach, stop, close).
 *
 * <p>Two sides: the receiving side ({@link #offer}, called on the transport's thread) lets {@link ChunkAdmission}
 * decide each chunk's fate, acknowledges it and only ever appends to the pending queue, so acks never wait for
 * speech recognition. The processing side is the {@link SessionPipeline}. The pending queue is bounded by
 * {@link WorkerSettings#maxPendingBytes()}, which is what keeps one flooding client from exhausting memory; the
 * audio the policy keeps for decodes still to come is bounded by {@link WorkerSettings#maxHeldAudio()}: past it,
 * the drain decodes before it feeds more, so a backlog waits as PCM in the pending queue and then at the client
 * (whose chunks are rejected until there is room) instead of growing as floats on the heap.
 */
public final class Session {

    private static final Logger log = LoggerFactory.getLogger(Session.class);

    private final String id;
    private final SessionSpec spec;
    private final EventStamper stamper;
    private final SessionPipeline pipeline;
    /** What a cancelled stream does: the owner releases the session (and its slot) at once. */
    private final java.util.function.Consumer<Session> onStreamCancelled;

    // Receiving side, guarded by "this".
    private final ChunkAdmission admission;
    private long acceptedBytes;
    private EventSink sink;
    private boolean stopping;
    /** The client half-closed: the converter and policy have been flushed, so no stream may add audio again. */
    private boolean audioEnded;

    private boolean closed;
    /** The flush of the first stop; later stops (the drain) wait for it. */
    private CompletableFuture<List<FinalSegment>> stopDone;

    private long idleSinceNanos;

    Session(
            String id,
            SessionSpec spec,
            WorkerSettings settings,
            TranscriptionPolicy policy,
            AudioConverter converter,
            Executor executor,
            java.util.function.Consumer<Session> onStreamCancelled,
            WorkerMetrics metrics) {
        this.onStreamCancelled = onStreamCancelled;
        this.id = id;
        this.spec = spec;
        this.stamper = new EventStamper(id, settings.workerId(), metrics);
        this.pipeline = new SessionPipeline(id, settings, policy, converter, executor, stamper, new Outlet());
        this.admission = new ChunkAdmission(id, spec.channels(), settings.maxChunkBytes(), settings.maxPendingBytes());
        this.idleSinceNanos = System.nanoTime();
    }

    public String id() {
        return id;
    }

    public SessionSpec spec() {
        return spec;
    }

    /** Between the VAD's speech start and end. */
    public boolean isSpeaking() {
        return pipeline.isSpeaking();
    }

    /** Audio accepted but not yet fed to the policy. */
    public long pendingBytes() {
        return pipeline.pendingBytes();
    }

    /** Heap the policy's audio took after the last chunk or decode (see {@link WorkerSettings#maxHeldAudio()}). */
    public long heldBytes() {
        return pipeline.heldBytes();
    }

    public synchronized double audioSeconds() {
        return (double) acceptedBytes / spec.bytesPerSecond();
    }

    public synchronized boolean hasStream() {
        return sink != null;
    }

    synchronized boolean idleLongerThan(long idleNanos, long nowNanos) {
        return sink == null && !closed && nowNanos - idleSinceNanos >= idleNanos;
    }

    // ------------------------------------------------------------------ stream attachment

    AudioStreamHandle attach(EventSink newSink) {
        synchronized (this) {
            if (closed || stopping) {
                throw new WorkerException(WorkerException.Reason.NOT_FOUND, "session " + id + " is stopped");
            }
            if (sink != null) {
                throw new WorkerException(
                        WorkerException.Reason.FAILED_PRECONDITION,
                        "session " + id + " already has an open audio stream; only one stream per session is allowed");
            }
            if (audioEnded) {
                // Its resampler and policy are flushed: audio accepted now could only be dropped.
                throw new WorkerException(
                        WorkerException.Reason.FAILED_PRECONDITION,
                        "session " + id
                                + " has ended its audio (its stream was half-closed); stop it and create a new session");
            }
            sink = newSink;
        }
        return new Attachment(newSink);
    }

    private final class Attachment implements AudioStreamHandle {
        private final EventSink attachedSink;

        Attachment(EventSink attachedSink) {
            this.attachedSink = attachedSink;
        }

        @Override
        public void onChunk(AudioChunk chunk) {
            offer(chunk, attachedSink);
        }

        @Override
        public void onEndOfAudio() {
            requestFlush(attachedSink);
        }

        @Override
        public void onCancelled() {
            boolean current;
            synchronized (Session.this) {
                current = sink == attachedSink;
            }
            // A stream that already completed normally (half-close) no longer owns the session.
            if (current) {
                onStreamCancelled.accept(Session.this);
            }
        }
    }

    // ------------------------------------------------------------------ receiving side

    void offer(AudioChunk chunk, EventSink from) {
        ReceivedChunk received = new ReceivedChunk(
                chunk.getSessionId(),
                chunk.getSequence(),
                chunk.getCaptureTimeUs(),
                chunk.getPcm16Le(),
                System.nanoTime(),
                EpochMicros.now());
        boolean queued = false;
        synchronized (this) {
            if (sink != from) {
                return; // a stream that no longer owns the session (completed or replaced)
            }
            if (closed || stopping) {
                reject(received, WorkerException.Reason.FAILED_PRECONDITION, "session " + id + " is stopping");
                return;
            }
            int size = received.pcm().size();
            ChunkAdmission.Decision decision =
                    admission.admit(received.sequence(), received.sessionId(), size, pipeline.pendingBytes());
            if (decision instanceof ChunkAdmission.Duplicate) {
                sink.send(stamper.ack(received, ChunkAck.Result.DUPLICATE, pipeline.pendingBytes()));
                return;
            }
            if (decision instanceof ChunkAdmission.Rejected r) {
                reject(received, r.reason(), r.message());
                return;
            }
            if (decision instanceof ChunkAdmission.Consumed c) {
                reportGap(received, c.missingFrom());
                reject(received, WorkerException.Reason.INVALID_ARGUMENT, c.problem());
                return;
            }
            reportGap(received, ((ChunkAdmission.Accepted) decision).missingFrom());
            acceptedBytes += size;
            long pending = pipeline.add(received);
            queued = true;
            sink.send(stamper.ack(received, ChunkAck.Result.ACCEPTED, pending));
            notifyAll(); // StopSession may be waiting for this sequence
        }
        if (queued) {
            pipeline.scheduleDrain();
        }
    }

    private void reportGap(ReceivedChunk received, OptionalLong missingFrom) {
        if (missingFrom.isPresent()) {
            sink.send(stamper.gap(received, missingFrom.getAsLong()));
        }
    }

    private void reject(ReceivedChunk chunk, WorkerException.Reason reason, String message) {
        sink.send(stamper.error(chunk, reason, message));
        sink.send(stamper.ack(chunk, ChunkAck.Result.REJECTED, pipeline.pendingBytes()));
    }

    // ------------------------------------------------------------------ stop / close

    /**
     * Waits (bounded) until every chunk up to {@code lastSequence} has been accepted, so audio still in flight
     * on the stream is not lost.
     */
    synchronized void awaitReceived(long lastSequence, long deadlineNanos) throws InterruptedException {
        while (!closed && Long.compareUnsigned(admission.highestTaken(), lastSequence) < 0) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                log.warn(
                        "session {}: stopping before chunk {} arrived (have {})",
                        id,
                        Long.toUnsignedString(lastSequence),
                        Long.toUnsignedString(admission.highestTaken()));
                return;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /**
     * Flushes the policy (finals go to the attached stream, which is then completed) and returns the finals.
     * The caller releases the session afterwards.
     */
    List<FinalSegment> stop(long deadlineNanos) throws InterruptedException {
        CompletableFuture<List<FinalSegment>> done;
        CompletableFuture<List<FinalSegment>> earlier;
        synchronized (this) {
            if (closed) {
                return List.of();
            }
            earlier = stopping ? stopDone : null;
        }
        if (earlier != null) {
            // A stop already under way (a client's StopSession when the drain comes): wait for its flush within this
            // caller's deadline instead of releasing the session under it.
            return awaitStop(earlier, deadlineNanos);
        }
        synchronized (this) {
            if (closed || stopping) {
                return List.of();
            }
            stopping = true;
            done = pipeline.addFlush(sink);
            stopDone = done;
        }
        pipeline.scheduleDrain();
        try {
            return done.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            close(new WorkerException(
                    WorkerException.Reason.UNAVAILABLE,
                    "session " + id + " was stopped before its final text was ready"));
            throw new WorkerException(
                    WorkerException.Reason.DEADLINE_EXCEEDED,
                    "session " + id + " did not finish its final decode before the deadline",
                    e);
        } catch (ExecutionException e) {
            throw new WorkerException(
                    WorkerException.Reason.INTERNAL,
                    "flushing session " + id + " failed: " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    private static List<FinalSegment> awaitStop(CompletableFuture<List<FinalSegment>> done, long deadlineNanos)
            throws InterruptedException {
        try {
            return done.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return List.of(); // the stop that owns the flush reports its own outcome
        }
    }

    private void requestFlush(EventSink forSink) {
        synchronized (this) {
            if (closed || sink != forSink) {
                return;
            }
            audioEnded = true;
            // Nobody waits for the end-of-stream flush: its finals go to the stream, and the drain logs a failure.
            var unused = pipeline.addFlush(forSink);
        }
        pipeline.scheduleDrain();
    }

    /**
     * Ends the session without a flush: queued audio is dropped. {@code streamError}, when given, is sent to an
     * attached stream; a cancelled stream gets nothing (it is gone).
     */
    void close(WorkerException streamError) {
        EventSink attached;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            attached = sink;
            sink = null;
            notifyAll();
        }
        // Closed first, so nothing is queued after this (every add checks it under the lock).
        pipeline.dropQueued();
        if (attached != null && streamError != null) {
            attached.fail(streamError);
        }
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** What the pipeline produces goes to the stream attached now, and a flush lets the stream that asked end. */
    private final class Outlet implements SessionPipeline.Outlet {
        @Override
        public boolean isClosed() {
            return Session.this.isClosed();
        }

        @Override
        public void send(StreamEvent event) {
            EventSink target;
            synchronized (Session.this) {
                target = closed ? null : sink;
            }
            if (target != null) {
                target.send(event);
            }
        }

        @Override
        public void flushed(EventSink askedBy) {
            EventSink toComplete = null;
            synchronized (Session.this) {
                if (!closed && askedBy != null && sink == askedBy) {
                    toComplete = sink;
                    sink = null;
                    idleSinceNanos = System.nanoTime();
                }
            }
            if (toComplete != null) {
                toComplete.complete();
            }
        }
    }

    @Override
    public String toString() {
        return "Session[" + id + "]";
    }
}
