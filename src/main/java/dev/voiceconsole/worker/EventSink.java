package dev.voiceconsole.worker;

import dev.voiceconsole.proto.v1.StreamEvent;

/**
 * Where a session's events go (the response side of its audio stream). Implementations must be thread-safe:
 * acks come from the receiving thread, transcript events from the session's processing thread. They must
 * never block for long: a client that stops reading must not stall the session.
 */
public interface EventSink {

    void send(StreamEvent event);

    /** The stream ends normally (after the final events). */
    void complete();

    /** The stream ends with an error status. */
    void fail(WorkerException error);
}
