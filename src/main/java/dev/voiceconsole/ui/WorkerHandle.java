package dev.voiceconsole.ui;

import dev.voiceconsole.client.SessionPlacement;
import dev.voiceconsole.client.VoiceWorkerClient;
import dev.voiceconsole.client.WorkerReplacements;
import io.grpc.Channel;

/** A running worker as the UI sees it: a channel to talk to and a way to shut it down. */
public interface WorkerHandle extends AutoCloseable {

    Channel channel();

    /** "embedded", "sidecar", or e.g. "embedded (sidecar unavailable: ...)" when it fell back. */
    String modeDescription();

    /**
     * Announces when a supervisor replaced the worker behind {@link #channel()} (restart after a crash, fallback), so
     * dictation can recover its session there; a worker nobody replaces keeps the default.
     */
    default WorkerReplacements replacements() {
        return WorkerReplacements.none();
    }

    /**
     * Where a dictation goes when its worker is lost: by default the same channel (a supervisor puts a new worker
     * behind it); a pool of remote workers names another worker.
     */
    default SessionPlacement placement(VoiceWorkerClient client) {
        return lost -> client;
    }

    /** Drains sessions and frees the model; blocking. */
    @Override
    void close();
}
