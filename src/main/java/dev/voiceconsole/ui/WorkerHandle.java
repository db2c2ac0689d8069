package dev.voiceconsole.ui;

import io.grpc.Channel;

/** A running worker as the UI sees it: a channel to talk to and a way to shut it down. */
public interface WorkerHandle extends AutoCloseable {

    Channel channel();

    /** "embedded", "sidecar", or e.g. "embedded (sidecar unavailable: ...)" when it fell back. */
    String modeDescription();

    /** Drains sessions and frees the model; blocking. */
    @Override
    void close();
}
