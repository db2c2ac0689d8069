package dev.voiceconsole.transport;

import dev.voiceconsole.contract.ProtocolVersion;
import dev.voiceconsole.engine.EngineInfo;
import dev.voiceconsole.proto.v1.BackendInfo;
import dev.voiceconsole.proto.v1.HealthResponse;
import dev.voiceconsole.proto.v1.ServingState;
import dev.voiceconsole.worker.WorkerHealth;

/** Worker health snapshot → wire message. */
final class HealthMapper {

    private HealthMapper() {}

    static HealthResponse toResponse(WorkerHealth h) {
        EngineInfo engine = h.engine();
        ServingState state = switch (h.state()) {
            case SERVING -> ServingState.SERVING;
            case DEGRADED -> ServingState.DEGRADED;
            case NOT_SERVING -> ServingState.NOT_SERVING;
        };
        return HealthResponse.newBuilder()
                .setWorkerId(h.workerId())
                .setProtocolVersion(ProtocolVersion.CURRENT)
                .setState(state)
                .setActiveSessions(h.activeSessions())
                .setMaxSessions(h.maxSessions())
                .setBufferedBytes(h.bufferedBytes())
                .setHeldAudioBytes(h.heldAudioBytes())
                .setUptimeMs(h.uptime().toMillis())
                .setModelName(nullToEmpty(engine.modelName()))
                .setModelType(nullToEmpty(engine.modelType()))
                .setModelWeightless(engine.weightless())
                .setBackend(BackendInfo.newBuilder()
                        .setKind(nullToEmpty(engine.backendKind()))
                        .setSystemInfo(nullToEmpty(engine.systemInfo()))
                        .setLibraryDir(nullToEmpty(engine.libraryDir())))
                .setThreads(h.threads())
                .setProcessRssBytes(h.processRssBytes())
                .setHeapUsedBytes(h.heapUsedBytes())
                .setSoftwareVersion(h.softwareVersion())
                .setMode(h.mode())
                .setSpeakingSessions(h.speakingSessions())
                .build();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
