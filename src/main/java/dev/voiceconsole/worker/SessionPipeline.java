package dev.voiceconsole.worker;

import dev.voiceconsole.proto.v1.FinalSegment;
import dev.voiceconsole.proto.v1.StreamEvent;
import dev.voiceconsole.worker.policy.PolicyEvent;
import dev.voiceconsole.worker.policy.TranscriptionPolicy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's processing side: audio accepted by the receiving side waits in a queue, and one drain at a time, on
 * the shared session executor, takes everything queued, feeds it to the policy and asks for at most one decode, so
 * a slow decode makes the next one see more audio instead of queueing stale steps. Flushes (half-close, stop)
 * travel through the same queue, behind the audio they end. The {@link Session} keeps the lock, the stream and
 * the decisions about chunks; what this produces goes out through its {@link Outlet}.
 */
final class SessionPipeline {

    private static final Logger log = LoggerFactory.getLogger(SessionPipeline.class);

    /** The session as the pipeline sees it. */
    interface Outlet {
        /** A closed session's work stops: queued audio is dropped, a running flush decodes no further. */
        boolean isClosed();

        /** To the attached stream, if there is one. */
        void send(StreamEvent event);

        /** A flush asked for by {@code askedBy} (null: none attached) sent its finals: that stream may complete. */
        void flushed(EventSink askedBy);
    }

    private sealed interface Work permits ChunkWork, FlushWork {}

    private record ChunkWork(ReceivedChunk chunk) implements Work {}

    private record FlushWork(EventSink sink, CompletableFuture<List<FinalSegment>> done) implements Work {}

    private final String sessionId;
    private final WorkerSettings settings;
    private final TranscriptionPolicy policy;
    private final AudioConverter converter;
    private final Executor executor;
    private final EventStamper stamper;
    private final Outlet outlet;

    private final AtomicLong pendingBytes = new AtomicLong();
    private final Queue<Work> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    /** Between the VAD's speech start and end; read by health from other threads. */
    private volatile boolean speaking;
    /** The policy's audio heap, as of the drain's last step; read by health and metrics from other threads. */
    private volatile long heldBytes;

    // Only touched by the (serial) drain.
    private ReceivedChunk lastFed;

    SessionPipeline(
            String sessionId,
            WorkerSettings settings,
            TranscriptionPolicy policy,
            AudioConverter converter,
            Executor executor,
            EventStamper stamper,
            Outlet outlet) {
        this.sessionId = sessionId;
        this.settings = settings;
        this.policy = policy;
        this.converter = converter;
        this.executor = executor;
        this.stamper = stamper;
        this.outlet = outlet;
    }

    /** Audio accepted but not yet fed to the policy. */
    long pendingBytes() {
        return pendingBytes.get();
    }

    long heldBytes() {
        return heldBytes;
    }

    boolean isSpeaking() {
        return speaking;
    }

    /** Queues an accepted chunk and returns the bytes now pending; {@link #scheduleDrain()} runs it. */
    long add(ReceivedChunk chunk) {
        long pending = pendingBytes.addAndGet(chunk.pcm().size());
        queue.add(new ChunkWork(chunk));
        return pending;
    }

    /**
     * Queues a flush behind the audio queued so far: it finalizes everything, sends the finals, then lets
     * {@code askedBy} complete. The future has the finals (none when the session closed first).
     */
    CompletableFuture<List<FinalSegment>> addFlush(EventSink askedBy) {
        CompletableFuture<List<FinalSegment>> done = new CompletableFuture<>();
        queue.add(new FlushWork(askedBy, done));
        return done;
    }

    /**
     * After the session closed: drops what is still queued. Work the drain already took is the drain's to drop
     * (it sees the session closed), so each item is counted down exactly once.
     */
    void dropQueued() {
        Work w;
        while ((w = queue.poll()) != null) {
            discard(w);
        }
    }

    /** Runs the queued work on the shared executor unless a drain is already scheduled (call outside locks). */
    void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        Thread thread = Thread.currentThread();
        String poolName = thread.getName();
        thread.setName("session-" + sessionId);
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
            log.error("session {}: processing failed", sessionId, e);
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
            if (outlet.isClosed()) {
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
        } while (decoded && queue.isEmpty() && !outlet.isClosed());
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
            log.warn(
                    "session {}: chunk {} could not be processed",
                    sessionId,
                    Long.toUnsignedString(chunk.sequence()),
                    e);
            outlet.send(stamper.error(
                    chunk,
                    WorkerException.Reason.INTERNAL,
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
            while (!outlet.isClosed() && emitGuarded("decode", policy::decodeIfDue, finals)) {
                // each round emitted one decode
            }
            // A released session (StopSession past its deadline, a cancelled stream) must not go on decoding: its
            // finals have nowhere to go, and its windows would take the cores from the sessions still served.
            if (!outlet.isClosed()) {
                emit(policy.flush(outlet::isClosed), finals);
            }
            heldBytes = policy.heldBytes();
        } catch (RuntimeException e) {
            log.warn("session {}: flush failed", sessionId, e);
            outlet.send(
                    stamper.error(lastFed, WorkerException.Reason.INTERNAL, "final decode failed: " + e.getMessage()));
        }
        // The stream that asked (half-close) or the attached one (stop) is completed after its finals.
        outlet.flushed(work.sink());
        work.done().complete(List.copyOf(finals));
    }

    /** Returns whether the call ran a decode. */
    private boolean emitGuarded(String step, Supplier<List<PolicyEvent>> call, List<FinalSegment> finalsOut) {
        try {
            List<PolicyEvent> events = call.get();
            emit(events, finalsOut);
            return events.stream().anyMatch(PolicyEvent.Decoded.class::isInstance);
        } catch (RuntimeException e) {
            log.warn("session {}: {} failed", sessionId, step, e);
            outlet.send(stamper.error(lastFed, WorkerException.Reason.INTERNAL, step + " failed: " + e.getMessage()));
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
            outlet.send(event);
        }
    }
}
