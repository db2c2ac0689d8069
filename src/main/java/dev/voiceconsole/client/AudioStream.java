package dev.voiceconsole.client;

import com.google.protobuf.ByteString;
import dev.voiceconsole.proto.v1.AudioChunk;
import dev.voiceconsole.proto.v1.ChunkAck;
import dev.voiceconsole.proto.v1.StopSessionResponse;
import dev.voiceconsole.proto.v1.StreamEvent;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of one StreamAudio call: numbers chunks, measures their round trips and keeps every chunk
 * until the worker acknowledged it.
 *
 * <p>Back-pressure: when the worker rejects a chunk as overloaded (REJECTED after a RESOURCE_EXHAUSTED error),
 * the worker also rejects every later chunk until that one is resent (so audio is never reordered). This class
 * keeps the rejected chunks, waits with exponential back-off, resends the lowest one as a probe and, once it is
 * accepted, the rest in order. New audio queues behind them. {@link #send} blocks while more than
 * {@link ClientSettings#maxInFlightBytes()} are unacknowledged, bounded by {@link ClientSettings#backpressureMaxWait()}.
 *
 * <p>Threads: the call's responses arrive on the transport's own thread (Netty's event loop for a sidecar), where
 * acks are booked at once, under this object's lock and without blocking, so a round trip measures the network and
 * the worker, not a wake-up of another thread, and the next chunk's flow control is released at the earliest moment.
 * The listener may block (a UI, a journal write), so it is called from {@code listenerThread} instead: one call at a
 * time, in arrival order.
 *
 * <p>Thread-safe: {@code send} may be called from any thread; gRPC's request observer is only used under this
 * object's lock.
 */
public final class AudioStream {

    private static final Logger log = LoggerFactory.getLogger(AudioStream.class);
    private static final int RESOURCE_EXHAUSTED = Status.Code.RESOURCE_EXHAUSTED.value();

    private record Outstanding(AudioChunk chunk, long sentNanos) {}

    private final String sessionId;
    private final StreamListener listener;
    private final ClientSettings settings;
    private final VoiceWorkerClient client;
    private final ScheduledExecutorService scheduler;
    private final Executor listenerThread;
    private final RoundTripTracker roundTrips = new RoundTripTracker();
    private final CountDownLatch ended = new CountDownLatch(1);
    final ClientResponseObserver<AudioChunk, StreamEvent> responseObserver = new Responses();

    // Guarded by "this".
    private ClientCallStreamObserver<AudioChunk> requests;
    private long nextSequence = 1;
    private final TreeMap<Long, Outstanding> unacked = new TreeMap<>();
    private final TreeMap<Long, AudioChunk> held = new TreeMap<>();
    private final Map<Long, Integer> rejectionCodes = new HashMap<>();
    private long bytesInFlight;
    private long probeSequence;
    private boolean retryScheduled;
    private int retries; // rejected-chunk retries since the worker last took a probe
    private long blockedSinceNanos;
    private boolean halfClosed;
    private Throwable failure;
    private boolean completed;

    /** @param listenerThread runs tasks one at a time in submission order (a sequential executor) */
    AudioStream(
            String sessionId,
            StreamListener listener,
            ClientSettings settings,
            VoiceWorkerClient client,
            ScheduledExecutorService scheduler,
            Executor listenerThread) {
        this.sessionId = sessionId;
        this.listener = listener;
        this.settings = settings;
        this.client = client;
        this.scheduler = scheduler;
        this.listenerThread = listenerThread;
    }

    public String sessionId() {
        return sessionId;
    }

    /**
     * Queues one chunk of interleaved PCM16LE and sends it as soon as flow control allows.
     *
     * @param captureTimeUs client clock (epoch micros) of the chunk's first sample; copied into the events it produces
     * @return the chunk's sequence number
     * @throws BackpressureTimeoutException when the worker stayed overloaded too long
     * @throws IllegalStateException when the stream has ended or was finished
     */
    public long send(byte[] pcm16le, long captureTimeUs) {
        synchronized (this) {
            if (halfClosed) {
                throw new IllegalStateException("stream of session " + sessionId + " was finished; no more audio");
            }
            long deadline = System.nanoTime() + settings.backpressureMaxWait().toNanos();
            while (failure == null
                    && !completed
                    && bytesInFlight > 0
                    && bytesInFlight + pcm16le.length > settings.maxInFlightBytes()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new BackpressureTimeoutException("worker did not take audio for "
                            + settings.backpressureMaxWait() + " (" + bytesInFlight + " bytes unacknowledged)");
                }
                waitNanos(left);
            }
            requireOpen();
            long sequence = nextSequence++;
            AudioChunk.Builder chunk = AudioChunk.newBuilder()
                    .setSequence(sequence)
                    .setCaptureTimeUs(captureTimeUs)
                    .setPcm16Le(ByteString.copyFrom(pcm16le));
            if (sequence == 1) {
                chunk.setSessionId(sessionId); // the first chunk names the session
            }
            bytesInFlight += pcm16le.length;
            if (held.isEmpty() && probeSequence == 0) {
                transmit(chunk.build());
            } else {
                held.put(sequence, chunk.build()); // behind chunks waiting for resend: keep the order
            }
            return sequence;
        }
    }

    /** Sequence number of the last chunk handed to {@link #send} (0 before any). */
    public synchronized long lastSequence() {
        return nextSequence - 1;
    }

    public RoundTripStats roundTrips() {
        return roundTrips.snapshot();
    }

    /**
     * End of audio: waits until every chunk is acknowledged, half-closes and waits for the worker's finals and
     * the completion of the stream (the listener has seen every event when this returns). The session stays
     * open until {@link #stop()} / StopSession.
     */
    public void finish() throws InterruptedException {
        long deadline = System.nanoTime() + settings.finishTimeout().toNanos();
        synchronized (this) {
            halfClosed = true;
            while (failure == null && !completed && (!held.isEmpty() || !unacked.isEmpty())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new BackpressureTimeoutException("chunks of session " + sessionId
                            + " still unacknowledged after " + settings.finishTimeout());
                }
                waitNanos(left);
            }
            requireOpen();
            requests.onCompleted();
        }
        awaitEnd(deadline);
    }

    /**
     * Stops the session: makes sure every chunk was sent, asks the worker to flush (it waits for the last
     * sequence number) and release it. The finals arrive on the stream and in the response.
     */
    public StopSessionResponse stop() throws InterruptedException {
        long last;
        synchronized (this) {
            halfClosed = true;
            long deadline = System.nanoTime() + settings.stopTimeout().toNanos();
            while (failure == null && !completed && !held.isEmpty() && deadline - System.nanoTime() > 0) {
                waitNanos(deadline - System.nanoTime());
            }
            last = nextSequence - 1;
            if (last == 0 && failure == null && !completed) {
                requests.onCompleted(); // no chunk ever named the session, so only we can end this call
            }
        }
        StopSessionResponse response = client.stopSession(sessionId, last);
        awaitEnd(System.nanoTime() + settings.callTimeout().toNanos());
        return response;
    }

    /** Abandons the stream: the worker releases the session at once, without final text. */
    public void cancel() {
        synchronized (this) {
            if (requests != null && failure == null && !completed) {
                requests.cancel("cancelled by client", null);
            }
        }
    }

    /** Waits until the worker ended the stream. */
    public boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        return ended.await(timeout, unit);
    }

    private void awaitEnd(long deadlineNanos) throws InterruptedException {
        if (!ended.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            throw new IllegalStateException("worker did not complete the stream of session " + sessionId + " in time");
        }
        synchronized (this) {
            if (failure != null) {
                throw asRuntime(failure);
            }
        }
    }

    private void requireOpen() {
        if (failure != null) {
            throw asRuntime(failure);
        }
        if (completed) {
            throw new IllegalStateException("stream of session " + sessionId + " has ended");
        }
    }

    private static RuntimeException asRuntime(Throwable t) {
        return t instanceof RuntimeException r ? r : new IllegalStateException(t.getMessage(), t);
    }

    private void waitNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.timedWait(this, nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the worker", e);
        }
    }

    // ------------------------------------------------------------ acks and resends (gRPC / scheduler threads)

    private void transmit(AudioChunk chunk) {
        unacked.put(chunk.getSequence(), new Outstanding(chunk, System.nanoTime()));
        requests.onNext(chunk);
    }

    private synchronized void onAck(StreamEvent event) {
        long seq = event.getSequence();
        Outstanding sent = unacked.remove(seq);
        if (sent == null) {
            return;
        }
        roundTrips.record((System.nanoTime() - sent.sentNanos()) / 1e6);
        Integer code = rejectionCodes.remove(seq);
        ChunkAck.Result result = event.getAck().getResult();
        if (result == ChunkAck.Result.REJECTED && code != null && code == RESOURCE_EXHAUSTED) {
            held.put(seq, sent.chunk());
            if (probeSequence == seq) {
                probeSequence = 0;
            }
            if (probeSequence == 0) {
                scheduleRetry();
            }
            return;
        }
        // Accepted, duplicate, or rejected for good (invalid chunk: the error event told the listener why).
        bytesInFlight -= sent.chunk().getPcm16Le().size();
        if (seq == probeSequence) {
            probeSequence = 0;
            retries = 0;
            blockedSinceNanos = 0;
            while (!held.isEmpty() && probeSequence == 0) {
                transmit(held.pollFirstEntry().getValue());
            }
        }
        notifyAll();
    }

    private void scheduleRetry() {
        if (retryScheduled || failure != null || completed) {
            return;
        }
        retryScheduled = true;
        if (blockedSinceNanos == 0) {
            blockedSinceNanos = System.nanoTime();
        }
        // Not kept: nothing waits for a retry, so a failure of one is logged where it happens.
        var unused = scheduler.schedule(
                this::retryLoggingFailure,
                settings.rejectedChunkBackoff().delay(++retries).toNanos(),
                TimeUnit.NANOSECONDS);
    }

    private void retryLoggingFailure() {
        try {
            retry();
        } catch (RuntimeException | Error e) {
            log.error("session {}: resending rejected chunks failed", sessionId, e);
            throw e;
        }
    }

    private synchronized void retry() {
        retryScheduled = false;
        if (failure != null || completed || held.isEmpty() || probeSequence != 0) {
            return;
        }
        if (System.nanoTime() - blockedSinceNanos
                > settings.backpressureMaxWait().toNanos()) {
            requests.cancel(
                    "worker overloaded for longer than " + settings.backpressureMaxWait(),
                    new BackpressureTimeoutException("worker stayed overloaded for " + settings.backpressureMaxWait()));
            return;
        }
        AudioChunk probe = held.pollFirstEntry().getValue();
        probeSequence = probe.getSequence();
        transmit(probe);
    }

    private final class Responses implements ClientResponseObserver<AudioChunk, StreamEvent> {
        @Override
        public void beforeStart(ClientCallStreamObserver<AudioChunk> requestStream) {
            synchronized (AudioStream.this) {
                requests = requestStream;
            }
        }

        @Override
        public void onNext(StreamEvent event) {
            if (event.hasError() && event.getError().getChunkSequence() > 0) {
                synchronized (AudioStream.this) {
                    long seq = event.getError().getChunkSequence();
                    if (unacked.containsKey(seq)) { // a rejection; its ack follows right behind
                        rejectionCodes.put(seq, event.getError().getCode());
                    }
                }
            } else if (event.hasAck()) {
                onAck(event);
            }
            toListener(() -> listener.onEvent(event));
        }

        @Override
        public void onError(Throwable t) {
            synchronized (AudioStream.this) {
                failure = t;
                AudioStream.this.notifyAll();
            }
            toListener(() -> {
                try {
                    listener.onError(t);
                } finally {
                    ended.countDown(); // after the listener: awaitEnd() promises it has seen everything
                }
            });
        }

        @Override
        public void onCompleted() {
            synchronized (AudioStream.this) {
                completed = true;
                AudioStream.this.notifyAll();
            }
            toListener(() -> {
                try {
                    listener.onCompleted();
                } finally {
                    ended.countDown();
                }
            });
        }

        private void toListener(Runnable call) {
            try {
                listenerThread.execute(call);
            } catch (RejectedExecutionException e) {
                call.run(); // the client was closed under a live stream: deliver here rather than lose the event
            }
        }
    }
}
