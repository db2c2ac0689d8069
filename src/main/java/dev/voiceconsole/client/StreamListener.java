package dev.voiceconsole.client;

import dev.voiceconsole.proto.v1.StreamEvent;

/**
 * Receives a stream's events (acks included) one at a time, in arrival order, on a client thread that is neither the
 * transport's nor the caller's. May block (the acks were already booked), but holds up the delivery of later events
 * while it does.
 */
public interface StreamListener {

    void onEvent(StreamEvent event);

    /** The worker completed the stream (after the final events). */
    default void onCompleted() {}

    /** The stream ended with an error (status from the worker, broken connection, or back-pressure gave up). */
    default void onError(Throwable error) {}
}
