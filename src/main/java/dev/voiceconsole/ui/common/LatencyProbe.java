package dev.voiceconsole.ui.common;

import dev.voiceconsole.proto.v1.StreamEvent;

/**
 * What a dictation tells the latency measurement, on the threads that see it (the sender and gRPC threads), so
 * measuring never waits for the UI.
 */
public interface LatencyProbe {

    void sessionStarted();

    /** The sender is about to send the chunk with this sequence number. */
    void chunkSending(long sequence);

    void eventArrived(StreamEvent event);
}
