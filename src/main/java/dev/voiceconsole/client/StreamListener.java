package dev.voiceconsole.client;

import dev.voiceconsole.proto.v1.StreamEvent;

/**
 * Receives a stream's events (acks included) on a gRPC thread, in arrival order. Must not block for long:
 * it holds up the delivery of later events.
 */
public interface StreamListener {

    void onEvent(StreamEvent event);

    /** The worker completed the stream (after the final events). */
    default void onCompleted() {
    }

    /** The stream ended with an error (status from the worker, broken connection, or back-pressure gave up). */
    default void onError(Throwable error) {
    }
}
