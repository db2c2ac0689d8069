package dev.voiceconsole.worker;

import dev.voiceconsole.engine.EngineInfo;
import java.time.Duration;

/**
 * A snapshot of the worker for health reports.
 *
 * @param bufferedBytes  PCM accepted but not yet fed to a policy, all sessions
 * @param heldAudioBytes heap the policies take for audio still to be decoded, all sessions
 */
public record WorkerHealth(
        String workerId,
        State state,
        int activeSessions,
        int maxSessions,
        long bufferedBytes,
        long heldAudioBytes,
        Duration uptime,
        EngineInfo engine,
        int threads,
        long processRssBytes,
        long heapUsedBytes,
        String softwareVersion,
        String mode,
        int speakingSessions) {

    public enum State {
        SERVING,
        /** At capacity: existing sessions are served, new ones refused. */
        DEGRADED,
        /** Draining for shutdown. */
        NOT_SERVING
    }
}
