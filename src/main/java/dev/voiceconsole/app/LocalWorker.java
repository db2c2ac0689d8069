package dev.voiceconsole.app;

import dev.voiceconsole.client.WorkerHandle;
import dev.voiceconsole.engine.EngineException;
import dev.voiceconsole.engine.SpeechEngine;
import dev.voiceconsole.engine.WhisperEngine;
import dev.voiceconsole.engine.WhisperEngineSettings;
import dev.voiceconsole.metrics.MetricsEndpoint;
import dev.voiceconsole.metrics.MetricsPortInUseException;
import dev.voiceconsole.metrics.MetricsServer;
import dev.voiceconsole.metrics.PrometheusWorkerMetrics;
import dev.voiceconsole.sidecar.EmbeddedWorkerStarter;
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
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * The composition root of an embedded worker: a whisper engine, the real policies and resampler, the worker core,
 * all served over the in-process transport. Callers get a {@link Channel} and nothing else.
 */
public final class LocalWorker implements AutoCloseable {

    private static final Duration DRAIN = Duration.ofSeconds(5);

    private final WhisperEngine engine;
    private final EmbeddedWorker embedded;
    private final Optional<MetricsServer> metricsServer;

    private LocalWorker(WhisperEngine engine, EmbeddedWorker embedded, Optional<MetricsServer> metricsServer) {
        this.engine = engine;
        this.embedded = embedded;
        this.metricsServer = metricsServer;
    }

    /** Validates and loads the model, then starts the worker; the model is loaded once and shared by all sessions. */
    public static LocalWorker start(Path model, WhisperEngineSettings engineSettings)
            throws EngineException, IOException {
        return start(model, engineSettings, "embedded");
    }

    public static LocalWorker start(Path model, WhisperEngineSettings engineSettings, String mode)
            throws EngineException, IOException {
        return start(model, engineSettings, mode, Optional.empty());
    }

    /**
     * Like {@link #start(Path, WhisperEngineSettings, String)}, with the sidecar's Prometheus metrics served on
     * {@code metrics} when present (the same series; only failed calls refused before the worker, such as token
     * refusals, have no counterpart in process).
     *
     * @throws MetricsPortInUseException when the metrics port is taken (checked before the model load)
     */
    public static LocalWorker start(
            Path model, WhisperEngineSettings engineSettings, String mode, Optional<MetricsEndpoint> metrics)
            throws EngineException, IOException {
        if (metrics.isPresent()) {
            MetricsServer.requirePortFree(metrics.get());
        }
        WhisperEngine engine = WhisperEngine.load(model, engineSettings);
        MetricsServer server = null;
        try {
            String workerId = newWorkerId(mode);
            WorkerCore core;
            if (metrics.isPresent()) {
                PrometheusWorkerMetrics prometheus = new PrometheusWorkerMetrics(workerId)
                        .withJvmMetrics()
                        .describeWorker(
                                mode,
                                SoftwareVersion.current(),
                                engine.info().modelName(),
                                engine.info().backendKind());
                server = MetricsServer.start(metrics.get(), prometheus.registry());
                core = newCore(engine, mode, workerId, prometheus);
                prometheus.observeAudio(core::bufferedBytes, core::heldAudioBytes);
            } else {
                core = newCore(engine, mode, workerId, WorkerMetrics.NONE);
            }
            EmbeddedWorker embedded = EmbeddedWorker.start(core);
            return new LocalWorker(engine, embedded, Optional.ofNullable(server));
        } catch (IOException | RuntimeException e) {
            if (server != null) {
                server.close();
            }
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
        return new WorkerCore(
                WorkerSettings.defaults(workerId, mode, SoftwareVersion.current()),
                settings -> TranscriptionPolicies.create(settings, engine, VoiceActivityDetector::new),
                ResamplingAudioConverter::new,
                engine.info(),
                metrics);
    }

    /** A fresh worker id, stable for the life of the process: the mode's first word and a random suffix. */
    public static String newWorkerId(String mode) {
        return mode.strip().split("\\s+", -1)[0] + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Starts this model in-process when asked; the sidecar launcher and supervisor call it for embedded mode and
     * for fallback, when the mode the worker reports carries the reason.
     */
    public static EmbeddedWorkerStarter starter(Path model, WhisperEngineSettings engineSettings) {
        return starter(model, engineSettings, Optional.empty());
    }

    /** Like {@link #starter(Path, WhisperEngineSettings)}; the embedded worker serves metrics on {@code metrics}. */
    public static EmbeddedWorkerStarter starter(
            Path model, WhisperEngineSettings engineSettings, Optional<MetricsEndpoint> metrics) {
        return fallback -> {
            String mode = fallback.map(WorkerHandle::fallbackMode).orElse("embedded");
            LocalWorker local = start(model, engineSettings, mode, metrics);
            return WorkerHandle.embedded(local.channel(), mode, fallback, local::close);
        };
    }

    public Channel channel() {
        return embedded.channel();
    }

    /** The metrics endpoint's actual port, when metrics were asked for (port 0 picks a free one). */
    public OptionalInt metricsPort() {
        return metricsServer.map(s -> OptionalInt.of(s.port())).orElse(OptionalInt.empty());
    }

    /** Drains open sessions (their last words become final text), stops the server, frees the model. */
    @Override
    public void close() {
        try {
            embedded.close(DRAIN);
        } finally {
            engine.close();
            metricsServer.ifPresent(MetricsServer::close);
        }
    }
}
