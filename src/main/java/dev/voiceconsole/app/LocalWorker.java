package dev.voiceconsole.app;

import dev.voiceconsole.engine.EngineException;
import dev.voiceconsole.engine.SpeechEngine;
import dev.voiceconsole.engine.WhisperEngine;
import dev.voiceconsole.engine.WhisperEngineSettings;
import dev.voiceconsole.sidecar.EmbeddedWorkerStarter;
import dev.voiceconsole.sidecar.WorkerConnection;
import dev.voiceconsole.transport.EmbeddedWorker;
import dev.voiceconsole.worker.ResamplingAudioConverter;
import dev.voiceconsole.worker.WorkerCore;
import dev.voiceconsole.worker.WorkerMetrics;
import dev.voiceconsole.worker.WorkerSettings;
import dev.voiceconsole.worker.policy.TranscriptionPolicies;
import dev.voiceconsole.worker.policy.VoiceActivityDetector;
import io.grpc.Channel;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * The composition root of an embedded worker: a whisper engine, the real policies and resampler, the worker core,
 * all served over the in-process transport. Callers get a {@link Channel} and nothing else.
 */
public final class LocalWorker implements AutoCloseable {

    private static final Duration DRAIN = Duration.ofSeconds(5);

    private final WhisperEngine engine;
    private final EmbeddedWorker embedded;

    private LocalWorker(WhisperEngine engine, EmbeddedWorker embedded) {
        this.engine = engine;
        this.embedded = embedded;
    }

    /** Validates and loads the model, then starts the worker; the model is loaded once and shared by all sessions. */
    public static LocalWorker start(Path model, WhisperEngineSettings engineSettings) throws EngineException, IOException {
        return start(model, engineSettings, "embedded");
    }

    public static LocalWorker start(Path model, WhisperEngineSettings engineSettings, String mode)
            throws EngineException, IOException {
        WhisperEngine engine = WhisperEngine.load(model, engineSettings);
        try {
            return new LocalWorker(engine, EmbeddedWorker.start(newCore(engine, mode)));
        } catch (IOException | RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /**
     * The worker core over a loaded engine, with the real policies and resampler; the sidecar serves the same core
     * over a socket. {@code mode} is reported in health (e.g. "embedded (fallback: …)"); its first word names the id.
     */
    public static WorkerCore newCore(SpeechEngine engine, String mode) {
        return newCore(engine, mode, newWorkerId(mode), WorkerMetrics.NONE);
    }

    /** The same core with a known id, reporting to {@code metrics} (whose labels carry that id). */
    public static WorkerCore newCore(SpeechEngine engine, String mode, String workerId, WorkerMetrics metrics) {
        return new WorkerCore(WorkerSettings.defaults(workerId, mode, SoftwareVersion.current()),
                settings -> TranscriptionPolicies.create(settings, engine, VoiceActivityDetector::new),
                ResamplingAudioConverter::new,
                engine.info(), metrics);
    }

    /** A fresh worker id, stable for the life of the process: the mode's first word and a random suffix. */
    public static String newWorkerId(String mode) {
        return mode.strip().split("\\s+")[0] + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Starts this model in-process when asked; the sidecar launcher and supervisor call it for embedded mode and
     * for fallback, when the mode the worker reports carries the reason.
     */
    public static EmbeddedWorkerStarter starter(Path model, WhisperEngineSettings engineSettings) {
        return fallback -> {
            String mode = fallback.map(WorkerConnection::fallbackMode).orElse("embedded");
            LocalWorker local = start(model, engineSettings, mode);
            return WorkerConnection.embedded(local.channel(), mode, fallback, local::close);
        };
    }

    public Channel channel() {
        return embedded.channel();
    }

    /** Drains open sessions (their last words become final text), stops the server, frees the model. */
    @Override
    public void close() {
        try {
            embedded.close(DRAIN);
        } finally {
            engine.close();
        }
    }
}
