package dev.voiceconsole.worker;

import dev.voiceconsole.engine.EngineInfo;

import java.time.Duration;

/** A snapshot of the worker for health reports. */
public record WorkerHealth(String workerId, State state, int activeSessions, int maxSessions, long bufferedBytes,
                           Duration uptime, EngineInfo engine, int threads, long processRssBytes, long heapUsedBytes,
                           String softwareVersion, String mode, int speakingSessions) {

    public enum State {
        SERVING,
        /** At capacity: existing sessions are served, new ones refused. */
        DEGRADED,
        /** Draining for shutdown. */
        NOT_SERVING
    }
}
