package dev.voiceconsole.transport;

import dev.voiceconsole.proto.v1.StreamEvent;
import dev.voiceconsole.worker.EventSink;
import dev.voiceconsole.worker.WorkerException;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The response side of one StreamAudio call. gRPC's observer is not thread-safe, so every call is serialized
 * here. Events are only written while the transport is ready; the rest wait in a bounded queue that drains
 * on the transport's ready signal. Nobody ever blocks: a client that stops reading until the queue overflows
 * gets its stream failed (RESOURCE_EXHAUSTED) and its session released, instead of stalling the session thread.
 */
final class FlowControlledEventSink implements EventSink {

    private static final Logger log = LoggerFactory.getLogger(FlowControlledEventSink.class);

    private final ServerCallStreamObserver<StreamEvent> observer;
    private final int maxQueuedEvents;
    private final Runnable onOverflow;
    private final ArrayDeque<StreamEvent> queue = new ArrayDeque<>();
    private boolean completeRequested;
    private boolean done;

    FlowControlledEventSink(ServerCallStreamObserver<StreamEvent> observer, int maxQueuedEvents, Runnable onOverflow) {
        this.observer = observer;
        this.maxQueuedEvents = maxQueuedEvents;
        this.onOverflow = onOverflow;
    }

    @Override
    public synchronized void send(StreamEvent event) {
        if (done) {
            return;
        }
        queue.add(event);
        if (queue.size() > maxQueuedEvents) {
            failInternal(new WorkerException(
                    WorkerException.Reason.RESOURCE_EXHAUSTED,
                    "client did not read its events (" + maxQueuedEvents + " queued); stream closed"));
            // Released off this thread: the caller may hold the session's lock.
            CompletableFuture.runAsync(onOverflow).exceptionally(e -> {
                log.error("releasing the session of an overflowed stream failed", e);
                return null;
            });
            return;
        }
        pump();
    }

    @Override
    public synchronized void complete() {
        if (done) {
            return;
        }
        completeRequested = true;
        pump();
    }

    @Override
    public synchronized void fail(WorkerException error) {
        if (!done) {
            failInternal(error);
        }
    }

    private void failInternal(WorkerException error) {
        done = true;
        queue.clear();
        if (!observer.isCancelled()) {
            observer.onError(StatusMapper.toException(error));
        }
    }

    /** Writes what the transport can take now; called on every event and on the transport's ready signal. */
    synchronized void pump() {
        while (!done && !queue.isEmpty() && observer.isReady()) {
            observer.onNext(queue.poll());
        }
        if (!done && completeRequested && queue.isEmpty()) {
            done = true;
            observer.onCompleted();
        }
    }

    synchronized void cancelled() {
        done = true;
        queue.clear();
    }
}
