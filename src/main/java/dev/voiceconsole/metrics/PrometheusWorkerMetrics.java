package dev.voiceconsole.metrics;

import dev.voiceconsole.proto.v1.ChunkAck;
import dev.voiceconsole.worker.WorkerMetrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The worker's metrics in a registry of their own (never the client library's global default, so two workers in
 * one JVM, e.g. in tests, never mix). Every series carries the {@code worker_id} label, the same id health and every
 * event report, so a dashboard can tell a restarted sidecar from the one before.
 */
public final class PrometheusWorkerMetrics implements WorkerMetrics {

    public static final String WORKER_ID_LABEL = "worker_id";

    // Bucket bounds in seconds. Queue waits are short unless a session falls behind; inference and end-to-end
    // latency span a fast GPU partial (tens of ms) to a slow CPU decode of a 30-s window.
    private static final double[] QUEUE_WAIT_BOUNDS = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    private static final double[] INFERENCE_BOUNDS = {0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30};
    private static final double[] LATENCY_BOUNDS = {0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 30};

    private final String workerId;
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Gauge activeSessions;
    private final Counter sessionsCreated;
    private final Counter sessionsStopped;
    private final Counter chunks;
    private final Counter audioBytes;
    private final Histogram queueWait;
    private final Histogram inference;
    private final Histogram endToEnd;
    private final Counter errors;
    private final Info workerInfo;

    /**
     * @param workerId the worker's id (the {@code worker_id} label on every series)
     */
    public PrometheusWorkerMetrics(String workerId) {
        if (workerId == null || workerId.isBlank()) {
            throw new IllegalArgumentException("metrics need the worker id");
        }
        this.workerId = workerId;
        Labels id = Labels.of(WORKER_ID_LABEL, workerId);
        activeSessions = Gauge.builder()
                .name("voiceconsole_active_sessions")
                .help("Sessions holding a slot now")
                .constLabels(id)
                .register(registry);
        sessionsCreated = Counter.builder()
                .name("voiceconsole_sessions_created_total")
                .help("Sessions created")
                .constLabels(id)
                .register(registry);
        sessionsStopped = Counter.builder()
                .name("voiceconsole_sessions_stopped_total")
                .help("Sessions whose slot was released, by why: stop_session (also the drain), stream_cancelled, "
                        + "idle_reaped, shutdown")
                .labelNames("reason")
                .constLabels(id)
                .register(registry);
        chunks = Counter.builder()
                .name("voiceconsole_chunks_received_total")
                .help("Audio chunks acknowledged, by result: accepted, duplicate, rejected")
                .labelNames("result")
                .constLabels(id)
                .register(registry);
        audioBytes = Counter.builder()
                .name("voiceconsole_audio_received_bytes_total")
                .help("PCM bytes of accepted audio chunks (duplicates and rejected chunks are not counted)")
                .constLabels(id)
                .register(registry);
        queueWait = Histogram.builder()
                .name("voiceconsole_queue_wait_seconds")
                .help("Per decode: how long the newest audio it used waited before the decode began")
                .classicOnly()
                .classicUpperBounds(QUEUE_WAIT_BOUNDS)
                .constLabels(id)
                .register(registry);
        inference = Histogram.builder()
                .name("voiceconsole_inference_seconds")
                .help("Per decode: speech recognition wall time")
                .classicOnly()
                .classicUpperBounds(INFERENCE_BOUNDS)
                .constLabels(id)
                .register(registry);
        endToEnd = Histogram.builder()
                .name("voiceconsole_end_to_end_latency_seconds")
                .help("Per partial or final transcript event: emitted time minus the client capture time of the chunk "
                        + "that produced it (two clocks: only meaningful when client and worker clocks agree)")
                .labelNames("event")
                .classicOnly()
                .classicUpperBounds(LATENCY_BOUNDS)
                .constLabels(id)
                .register(registry);
        errors = Counter.builder()
                .name("voiceconsole_errors_total")
                .help("Errors by gRPC status code name; source=event: an ErrorEvent on a stream that went on, "
                        + "source=call: a call that ended with that status")
                .labelNames("code", "source")
                .constLabels(id)
                .register(registry);
        workerInfo = Info.builder()
                .name("voiceconsole_worker_info")
                .help("The worker's mode, software version, model and backend")
                .labelNames("mode", "software_version", "model", "backend")
                .constLabels(id)
                .register(registry);
        for (ChunkAck.Result result :
                new ChunkAck.Result[] {ChunkAck.Result.ACCEPTED, ChunkAck.Result.DUPLICATE, ChunkAck.Result.REJECTED}) {
            chunks.labelValues(label(result.name())).inc(0); // every result visible from the first scrape
        }
    }

    /** Adds the JVM's and the process's own metrics (heap, GC, threads, process_resident_memory_bytes, CPU). */
    public PrometheusWorkerMetrics withJvmMetrics() {
        JvmMetrics.builder().constLabels(Labels.of(WORKER_ID_LABEL, workerId)).register(registry);
        return this;
    }

    /**
     * Audio the worker holds, read at each scrape: PCM waiting to be fed and the policies' audio still to be
     * decoded. Both are bounded per session; a backlog shows here before it shows as latency.
     */
    public PrometheusWorkerMetrics observeAudio(LongSupplier pendingBytes, LongSupplier heldBytes) {
        Labels id = Labels.of(WORKER_ID_LABEL, workerId);
        GaugeWithCallback.builder()
                .name("voiceconsole_pending_audio_bytes")
                .help("PCM accepted but not yet fed to a session's policy, all sessions")
                .constLabels(id)
                .callback(c -> c.call((double) pendingBytes.getAsLong()))
                .register(registry);
        GaugeWithCallback.builder()
                .name("voiceconsole_held_audio_bytes")
                .help("Heap the sessions' policies take for audio still to be decoded")
                .constLabels(id)
                .callback(c -> c.call((double) heldBytes.getAsLong()))
                .register(registry);
        return this;
    }

    public PrometheusWorkerMetrics describeWorker(String mode, String softwareVersion, String model, String backend) {
        workerInfo.setLabelValues(mode, softwareVersion, model, backend);
        return this;
    }

    public String workerId() {
        return workerId;
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    @Override
    public void sessionCreated() {
        sessionsCreated.inc();
        activeSessions.inc();
    }

    @Override
    public void sessionEnded(SessionEnd how) {
        sessionsStopped.labelValues(label(how.name())).inc();
        activeSessions.dec();
    }

    @Override
    public void chunkAcknowledged(ChunkAck.Result result, int bytes) {
        chunks.labelValues(label(result.name())).inc();
        if (result == ChunkAck.Result.ACCEPTED) {
            audioBytes.inc(bytes);
        }
    }

    @Override
    public void decoded(double queueWaitSeconds, double inferenceSeconds) {
        if (!Double.isNaN(queueWaitSeconds)) {
            queueWait.observe(queueWaitSeconds);
        }
        inference.observe(inferenceSeconds);
    }

    @Override
    public void transcriptEmitted(TranscriptKind kind, double latencySeconds) {
        // A negative latency means the client's clock is ahead of ours: no latency can be read from it.
        if (latencySeconds >= 0) {
            endToEnd.labelValues(label(kind.name())).observe(latencySeconds);
        }
    }

    @Override
    public void errorEvent(String codeName) {
        errors.labelValues(codeName, "event").inc();
    }

    /** A call that ended with a status other than OK. */
    public void callFailed(String codeName) {
        errors.labelValues(codeName, "call").inc();
    }

    private static String label(String enumName) {
        return enumName.toLowerCase(Locale.ROOT);
    }
}
