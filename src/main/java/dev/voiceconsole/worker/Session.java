package dev.voiceconsole.worker;

import dev.voiceconsole.audio.EpochMicros;
import dev.voiceconsole.proto.v1.AudioChunk;
import dev.voiceconsole.proto.v1.ChunkAck;
import dev.voiceconsole.proto.v1.FinalSegment;
import dev.voiceconsole.proto.v1.StreamEvent;
import dev.voiceconsole.worker.policy.PolicyEvent;
import dev.voiceconsole.worker.policy.TranscriptionPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One transcription session.
 *
 * <p>Two sides: the receiving side ({@link #offer}, called on the transport's thread) validates, sequences and
 * acknowledges chunks and only ever appends to the pending queue, so acks never wait for speech recognition.
 * The processing side runs serially on the shared session executor ({@link #drain}): it takes everything
 * queued, feeds it all to the policy and then asks for at most one decode, so a slow decode makes the next one
 * see more audio instead of queueing stale steps. The pending queue is bounded by
 * {@link WorkerSettings#maxPendingBytes()}, which is what keeps one flooding client from exhausting memory; the
 * audio the policy keeps for decodes still to come is bounded by {@link WorkerSettings#maxHeldAudio()}: past it,
 * the drain decodes before it feeds more, so a backlog waits as PCM in the pending queue and then at the client
 * (whose chunks are rejected until there is room) instead of growing as floats on the heap.
 */
public final class Session {

    private static final Logger log = LoggerFactory.getLogger(Session.class);

    private enum FlushKind { END_OF_AUDIO, STOP }

    private sealed interface Work permits ChunkWork, FlushWork {}

    private record ChunkWork(ReceivedChunk chunk) implements Work {}

    private record FlushWork(FlushKind kind, EventSink sink, CompletableFuture<List<FinalSegment>> done) implements Work {}

    private final String id;
    private final SessionSpec spec;
    private final WorkerSettings settings;
    private final TranscriptionPolicy policy;
    private final AudioConverter converter;
    private final Executor executor;
    private final EventStamper stamper;
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
    /** Between the VAD's speech start and end; read by health from other threads. */
    private volatile boolean speaking;
    private long idleSinceNanos;

    private final AtomicLong pendingBytes = new AtomicLong();
    private final Queue<Work> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    // Processing side: only touched by the (serial) drain.
    private ReceivedChunk lastFed;
    /** The policy's audio heap, as of the drain's last step; read by health and metrics from other threads. */
    private volatile long heldBytes;

    Session(String id, SessionSpec spec, WorkerSettings settings, TranscriptionPolicy policy, AudioConverter converter,
            Executor executor, java.util.function.Consumer<Session> onStreamCancelled, WorkerMetrics metrics) {
        this.onStreamCancelled = onStreamCancelled;
        this.id = id;
        this.spec = spec;
        this.settings = settings;
        this.policy = policy;
        this.converter = converter;
        this.executor = executor;
        this.stamper = new EventStamper(id, settings.workerId(), metrics);
        this.admission = new ChunkAdmission(id, spec.channels(), settings.maxChunkBytes(), settings.maxPendingBytes());
        this.idleSinceNanos = System.nanoTime();
    }

    public String id() {
        return id;
    }

    public SessionSpec spec() {
        return spec;
    }

    /** Audio accepted but not yet fed to the policy. */
    public boolean isSpeaking() {
        return speaking;
    }

    public long pendingBytes() {
        return pendingBytes.get();
    }

    /** Heap the policy's audio took after the last chunk or decode (see {@link WorkerSettings#maxHeldAudio()}). */
    public long heldBytes() {
        return heldBytes;
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
                throw new WorkerException(WorkerException.Reason.FAILED_PRECONDITION,
                        "session " + id + " already has an open audio stream; only one stream per session is allowed");
            }
            if (audioEnded) {
                // Its resampler and policy are flushed: audio accepted now could only be dropped.
                throw new WorkerException(WorkerException.Reason.FAILED_PRECONDITION, "session " + id
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
            requestFlush(FlushKind.END_OF_AUDIO, attachedSink);
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
        ReceivedChunk received = new ReceivedChunk(chunk.getSessionId(), chunk.getSequence(), chunk.getCaptureTimeUs(), chunk.getPcm16Le(),
                System.nanoTime(), EpochMicros.now());
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
            ChunkAdmission.Decision decision = admission.admit(received.sequence(), received.sessionId(), size,
                    pendingBytes.get());
            if (decision instanceof ChunkAdmission.Duplicate) {
                sink.send(stamper.ack(received, ChunkAck.Result.DUPLICATE, pendingBytes.get()));
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
            long pending = pendingBytes.addAndGet(size);
            queue.add(new ChunkWork(received));
            queued = true;
            sink.send(stamper.ack(received, ChunkAck.Result.ACCEPTED, pending));
            notifyAll(); // StopSession may be waiting for this sequence
        }
        if (queued) {
            scheduleDrain();
        }
    }

    private void reportGap(ReceivedChunk received, OptionalLong missingFrom) {
        if (missingFrom.isPresent()) {
            sink.send(stamper.gap(received, missingFrom.getAsLong()));
        }
    }

    private void reject(ReceivedChunk chunk, WorkerException.Reason reason, String message) {
        sink.send(stamper.error(chunk, reason, message));
        sink.send(stamper.ack(chunk, ChunkAck.Result.REJECTED, pendingBytes.get()));
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
                log.warn("session {}: stopping before chunk {} arrived (have {})", id, Long.toUnsignedString(lastSequence),
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
            done = new CompletableFuture<>();
            stopDone = done;
            queue.add(new FlushWork(FlushKind.STOP, sink, done));
        }
        scheduleDrain();
        try {
            return done.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            close(new WorkerException(WorkerException.Reason.UNAVAILABLE, "session " + id + " was stopped before its final text was ready"));
            throw new WorkerException(WorkerException.Reason.DEADLINE_EXCEEDED,
                    "session " + id + " did not finish its final decode before the deadline", e);
        } catch (ExecutionException e) {
            throw new WorkerException(WorkerException.Reason.INTERNAL,
                    "flushing session " + id + " failed: " + e.getCause().getMessage(), e.getCause());
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

    private void requestFlush(FlushKind kind, EventSink forSink) {
        synchronized (this) {
            if (closed || sink != forSink) {
                return;
            }
            audioEnded = true;
            queue.add(new FlushWork(kind, forSink, new CompletableFuture<>()));
        }
        scheduleDrain();
    }

    /**
     * Ends the session without a flush: queued audio is dropped. {@code streamError}, when given, is sent to an
     * attached stream; a cancelled stream gets nothing (it is gone).
     */
    void close(WorkerException streamError) {
        EventSink attached;
        List<Work> dropped = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            attached = sink;
            sink = null;
            Work w;
            while ((w = queue.poll()) != null) {
                dropped.add(w);
            }
            notifyAll();
        }
        // Only what this call took off the queue: a chunk the processing side already holds is its to count down,
        // so zeroing the count here would let it go negative.
        dropped.forEach(this::discard);
        if (attached != null && streamError != null) {
            attached.fail(streamError);
        }
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    // ------------------------------------------------------------------ processing side

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        Thread thread = Thread.currentThread();
        String poolName = thread.getName();
        thread.setName("session-" + id);
        ArrayDeque<Work> batch = new ArrayDeque<>();
        try {
            while (true) {
                Work w;
                while ((w = queue.poll()) != null) {
                    batch.add(w);
                }
                if (batch.isEmpty()) {
                    drainScheduled.set(false);
                    // A chunk queued between the poll and the reset would otherwise wait for the next offer.
                    if (queue.isEmpty() || !drainScheduled.compareAndSet(false, true)) {
                        return;
                    }
                    continue;
                }
                process(batch);
            }
        } catch (RuntimeException | Error e) {
            log.error("session {}: processing failed", id, e);
            // Whoever waits for a flush of this batch (StopSession) learns the cause now instead of at its deadline.
            Work w;
            while ((w = batch.poll()) != null) {
                if (w instanceof FlushWork f) {
                    f.done().completeExceptionally(e);
                } else {
                    discard(w);
                }
            }
            drainScheduled.set(false);
            if (!queue.isEmpty()) {
                scheduleDrain();
            }
        } finally {
            thread.setName(poolName);
        }
    }

    /** Takes work off {@code batch} one item at a time, so a failure leaves exactly the unprocessed items in it. */
    private void process(ArrayDeque<Work> batch) {
        boolean fedSinceDecode = false;
        Work work;
        while ((work = batch.peek()) != null) {
            if (isClosed()) {
                batch.forEach(this::discard);
                batch.clear();
                return;
            }
            if (work instanceof ChunkWork c) {
                // Over the bound, a decode that can run comes first; one that cannot run yet needs more audio.
                if (policy.heldSamples() > settings.maxHeldSamples() && decodeOnce()) {
                    fedSinceDecode = false;
                    continue;
                }
                batch.poll();
                feed(c.chunk());
                fedSinceDecode = true;
            } else if (work instanceof FlushWork f) {
                // The flush finalizes everything fed so far, so no separate decode step before it.
                flush(f);
                batch.poll();
                fedSinceDecode = false;
            }
        }
        if (fedSinceDecode) {
            decodeWhileDue();
        }
    }

    /**
     * Finished utterances queue up when audio arrives faster than real time (a file, catch-up after a stall). They
     * are decoded one after another while no newer audio waits, so finals and progress flow without waiting for the
     * next chunk; as soon as a chunk arrives, feeding it comes first, so a live decode always sees the newest audio.
     */
    private void decodeWhileDue() {
        boolean decoded;
        do {
            decoded = decodeOnce();
        } while (decoded && queue.isEmpty() && !isClosed());
    }

    /** Returns whether a decode ran. */
    private boolean decodeOnce() {
        boolean decoded = emitGuarded("decode", policy::decodeIfDue, null);
        heldBytes = policy.heldBytes();
        return decoded;
    }

    /** Work that will never run: its bytes no longer wait, and a flush ends with no finals. */
    private void discard(Work w) {
        if (w instanceof FlushWork f) {
            f.done().complete(List.of());
        } else if (w instanceof ChunkWork c) {
            pendingBytes.addAndGet(-c.chunk().pcm().size());
        }
    }

    private void feed(ReceivedChunk chunk) {
        try {
            float[] samples = converter.convert(chunk.pcm().toByteArray());
            lastFed = chunk;
            if (samples.length > 0) {
                emit(policy.feed(samples), null);
                heldBytes = policy.heldBytes();
            }
        } catch (RuntimeException e) {
            log.warn("session {}: chunk {} could not be processed", id, Long.toUnsignedString(chunk.sequence()), e);
            send(stamper.error(chunk, WorkerException.Reason.INTERNAL,
                    "chunk " + Long.toUnsignedString(chunk.sequence()) + " could not be processed: " + e.getMessage()));
        } finally {
            pendingBytes.addAndGet(-chunk.pcm().size());
        }
    }

    private void flush(FlushWork work) {
        List<FinalSegment> finals = new ArrayList<>();
        try {
            float[] tail = converter.flush();
            if (tail.length > 0) {
                emit(policy.feed(tail), finals);
            }
            // Utterances already closed are decoded (and sent) one by one, so a client sees progress during a long
            // flush; policy.flush() then finalizes what is still open.
            while (!isClosed() && emitGuarded("decode", policy::decodeIfDue, finals)) {
                // each round emitted one decode
            }
            // A released session (StopSession past its deadline, a cancelled stream) must not go on decoding: its
            // finals have nowhere to go, and its windows would take the cores from the sessions still served.
            if (!isClosed()) {
                emit(policy.flush(this::isClosed), finals);
            }
            heldBytes = policy.heldBytes();
        } catch (RuntimeException e) {
            log.warn("session {}: flush failed", id, e);
            send(stamper.error(lastFed, WorkerException.Reason.INTERNAL, "final decode failed: " + e.getMessage()));
        }
        // The stream that asked (half-close) or the attached one (stop) is completed after its finals.
        EventSink toComplete = null;
        synchronized (this) {
            if (!closed && work.sink() != null && sink == work.sink()) {
                toComplete = sink;
                sink = null;
                idleSinceNanos = System.nanoTime();
            }
        }
        if (toComplete != null) {
            toComplete.complete();
        }
        work.done().complete(List.copyOf(finals));
    }

    /** Returns whether the call ran a decode. */
    private boolean emitGuarded(String step, java.util.function.Supplier<List<PolicyEvent>> call,
                                List<FinalSegment> finalsOut) {
        try {
            List<PolicyEvent> events = call.get();
            emit(events, finalsOut);
            return events.stream().anyMatch(PolicyEvent.Decoded.class::isInstance);
        } catch (RuntimeException e) {
            log.warn("session {}: {} failed", id, step, e);
            send(stamper.error(lastFed, WorkerException.Reason.INTERNAL, step + " failed: " + e.getMessage()));
            return false;
        }
    }

    private void emit(List<PolicyEvent> events, List<FinalSegment> finalsOut) {
        // A flush can hold several decodes: each partial and final carries the timings of the decode just before it.
        EventStamper.DecodeContext decode = EventStamper.DecodeContext.none();
        for (PolicyEvent e : events) {
            if (e instanceof PolicyEvent.Decoded d) {
                decode = new EventStamper.DecodeContext(d.decodeStartNanos(), d.inferenceMs());
            } else if (e instanceof PolicyEvent.SpeechStarted) {
                speaking = true;
            } else if (e instanceof PolicyEvent.SpeechEnded) {
                speaking = false;
            }
            StreamEvent event = stamper.policyEvent(e, lastFed, decode);
            if (finalsOut != null && event.hasFinal()) {
                finalsOut.add(event.getFinal());
            }
            send(event);
        }
    }

    private void send(StreamEvent event) {
        EventSink target;
        synchronized (this) {
            target = closed ? null : sink;
        }
        if (target != null) {
            target.send(event);
        }
    }

    @Override
    public String toString() {
        return "Session[" + id + "]";
    }
}
