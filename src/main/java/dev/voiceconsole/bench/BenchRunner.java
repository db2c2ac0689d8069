package dev.voiceconsole.bench;

import dev.voiceconsole.app.LocalWorker;
import dev.voiceconsole.audio.Pcm16;
import dev.voiceconsole.audio.Resampler;
import dev.voiceconsole.audio.TestSignals;
import dev.voiceconsole.client.ClientSettings;
import dev.voiceconsole.client.RoundTripStats;
import dev.voiceconsole.client.TranscriptionProgress;
import dev.voiceconsole.client.TranscriptionResult;
import dev.voiceconsole.client.VoiceWorkerClient;
import dev.voiceconsole.engine.DecodeRequest;
import dev.voiceconsole.engine.WhisperEngine;
import dev.voiceconsole.engine.WhisperEngineSettings;
import dev.voiceconsole.proto.v1.SessionConfig;
import dev.voiceconsole.proto.v1.SessionMode;
import dev.voiceconsole.sidecar.SidecarCommandLine;
import dev.voiceconsole.sidecar.SidecarConnection;
import dev.voiceconsole.sidecar.SidecarLaunch;
import dev.voiceconsole.sidecar.SidecarProcess;
import io.grpc.Channel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures one file three ways in one process: the bare engine, the worker in batch (embedded and sidecar) and the
 * worker live (embedded and sidecar), plus sidecar start-up and memory. Given a {@link HeldOutStream}, that stream is
 * the input and the same runs are also scored for accuracy ({@link AccuracyScorer}), so the live latencies are those
 * of a decoder emitting real words.
 */
public final class BenchRunner {

    private static final Logger log = LoggerFactory.getLogger(BenchRunner.class);

    /** Steps reported to the progress callback without a held-out set; a progress bar's maximum. */
    private static final int STEPS = 11;

    private static final int RATE = 16_000;
    private static final int CHUNK_MS = 20;
    /** Chunks streamed untimed before each live measurement. */
    private static final int LIVE_WARM_UP_CHUNKS = 2_000;

    private final Path model;
    private final Integer threads;
    private final float[] audio;
    private final double throughputSeconds;
    private final boolean quick;
    /** Timed batch/raw pairs per mode; their median is reported, so one noisy pair does not decide. */
    private final int repetitions;
    /** Null without a held-out set: no accuracy figures. */
    private final AccuracyScorer accuracy;

    /** @param audio mono 16 kHz samples in [-1, 1] */
    public BenchRunner(Path model, Integer threads, float[] audio, boolean quick) {
        this(model, threads, audio, quick, null);
    }

    /** The held-out stream as the input, every run also scored for accuracy. */
    public BenchRunner(Path model, Integer threads, HeldOutStream heldOut, boolean quick) {
        this(model, threads, heldOut.samples(), quick, new AccuracyScorer(heldOut));
    }

    private BenchRunner(Path model, Integer threads, float[] audio, boolean quick, AccuracyScorer accuracy) {
        this.accuracy = accuracy;
        this.throughputSeconds = quick ? 5 : 10;
        this.quick = quick;
        this.repetitions = quick ? 3 : 5;
        this.model = model;
        this.threads = threads;
        this.audio = audio.clone();
    }

    /** Steps this run reports to the progress callback; a progress bar's maximum. */
    public int steps() {
        return accuracy == null ? STEPS : STEPS + 1;
    }

    public BenchFigures run(Consumer<String> step) throws Exception {
        BenchFigures figures = new BenchFigures();
        WhisperEngineSettings engineSettings = threads == null
                ? WhisperEngineSettings.defaults()
                : WhisperEngineSettings.defaults().withThreads(threads);
        figures.put("audio_s", audio.length / (double) RATE);

        step.accept("raw decode");
        // Raw stays loaded for the whole run so every batch measurement is paired with a raw one taken moments
        // before or after it: on a shared machine only figures taken side by side compare.
        try (WhisperEngine raw = WhisperEngine.load(model, engineSettings)) {
            // The first decode allocates the native compute buffers; untimed, so raw is not charged for that.
            rawDecodeMs(raw);
            List<Double> rawMs = new ArrayList<>();
            for (int i = 0; i < repetitions; i++) {
                rawMs.add(rawDecodeMs(raw));
            }
            figures.put("raw_decode_ms", Percentiles.of(rawMs, 50));
            if (accuracy != null) {
                step.accept("held-out sentences alone, raw");
                accuracy.raw(raw, figures);
            }

            step.accept("batch embedded");
            try (LocalWorker worker = LocalWorker.start(model, engineSettings)) {
                batch(worker.channel(), raw, "batch_embedded", figures);
                step.accept("live embedded");
                live(worker.channel(), audio, RATE, "live_embedded", "wer_live_embedded", figures);
                step.accept("live embedded 48 kHz");
                live(
                        worker.channel(),
                        Resampler.convert(audio, RATE, 48_000),
                        48_000,
                        "live_embedded_48k",
                        "wer_live_48k",
                        figures);
                step.accept("10 sessions on the real engine");
                figures.put(
                        "throughput_10_sessions_real_engine_chunks_per_s",
                        TransportThroughput.onWorker(10, worker.channel(), Pcm16.fromFloat(audio), RATE));
                step.accept(quick ? "growth check skipped (--quick)" : "2-minute growth check, embedded 16 kHz");
                if (!quick) {
                    growth(worker.channel(), RATE, "growth_120s", figures);
                }
            }

            step.accept("sidecar start");
            long spawn = System.nanoTime();
            SidecarProcess process =
                    SidecarProcess.start(SidecarLaunch.defaults(SidecarCommandLine.ofRunningApp(), model, threads));
            try (SidecarConnection sidecar = SidecarConnection.connect(process, ClientSettings.defaults())) {
                figures.put("sidecar_start_ms", (System.nanoTime() - spawn) / 1e6);
                figures.put("sidecar_rss_mib", residentMib(process.pid()));
                step.accept("batch sidecar");
                batch(sidecar.channel(), raw, "batch_sidecar", figures);
                step.accept("live sidecar");
                live(sidecar.channel(), audio, RATE, "live_sidecar", "wer_live_sidecar", figures);
                step.accept(quick ? "growth check skipped (--quick)" : "2-minute growth check, sidecar 48 kHz");
                if (!quick) {
                    growth(sidecar.channel(), 48_000, "growth_120s_sidecar_48k", figures);
                }
            }
        }
        step.accept("transport throughput");
        TransportThroughput throughput = new TransportThroughput(10, throughputSeconds);
        figures.put("throughput_10_sessions_in_process_chunks_per_s", throughput.inProcessChunksPerSecond());
        figures.put("throughput_10_sessions_loopback_chunks_per_s", throughput.loopbackChunksPerSecond());
        if (accuracy != null) {
            accuracy.goals(figures);
        }
        return figures;
    }

    /** whisper-jni {@code full()} over the input in 30-s windows, no gRPC, no policy. */
    private double rawDecodeMs(WhisperEngine engine) throws Exception {
        int window = 30 * RATE;
        long start = System.nanoTime();
        for (int from = 0; from < audio.length; from += window) {
            engine.decode(
                    Arrays.copyOfRange(audio, from, Math.min(audio.length, from + window)), DecodeRequest.defaults());
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /**
     * Batch against raw, paired: one untimed run of each path first (raw had its warm-up decode, the worker's session
     * code its first run), then {@link #repetitions} pairs in alternating order, so drift in the machine's load hits
     * both sides alike. Reports the median batch time and the median, lowest and highest pair ratio; the untimed
     * run's transcript is what accuracy is scored on.
     */
    private void batch(Channel channel, WhisperEngine raw, String prefix, BenchFigures figures) throws Exception {
        TranscriptionResult heard = transcribe(channel).result();
        if (accuracy != null) {
            accuracy.batch(prefix, heard, figures);
        }
        List<Double> batchMs = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < repetitions; i++) {
            double r;
            double b;
            if (i % 2 == 0) {
                r = rawDecodeMs(raw);
                b = batchMs(channel);
            } else {
                b = batchMs(channel);
                r = rawDecodeMs(raw);
            }
            log.debug("{} pair {}: raw {} ms, batch {} ms", prefix, i + 1, r, b);
            batchMs.add(b);
            ratios.add(b / r);
        }
        figures.put(prefix + "_ms", Percentiles.of(batchMs, 50));
        figures.put(prefix + "_ratio", Percentiles.of(ratios, 50));
        figures.put(prefix + "_ratio_min", Percentiles.of(ratios, 0));
        figures.put(prefix + "_ratio_max", Percentiles.of(ratios, 100));
    }

    private double batchMs(Channel channel) throws InterruptedException {
        return transcribe(channel).ms();
    }

    /** One OFFLINE session's transcript and client wall time. */
    private record BatchRun(TranscriptionResult result, double ms) {}

    /** One OFFLINE session over the input, timed after the client's connect: the session, not the health call. */
    private BatchRun transcribe(Channel channel) throws InterruptedException {
        try (VoiceWorkerClient client = new VoiceWorkerClient(channel, ClientSettings.defaults())) {
            client.connect();
            long start = System.nanoTime();
            TranscriptionResult result = client.transcribeOffline(
                    audio, RATE, SessionConfig.newBuilder().setLanguage("en").build(), TranscriptionProgress.none());
            return new BatchRun(result, (System.nanoTime() - start) / 1e6);
        }
    }

    /** Whether live latency creeps up over a long stream: first-quarter vs last-quarter p50 of speech start → decode. */
    private void growth(Channel channel, int rate, String prefix, BenchFigures figures) throws InterruptedException {
        float[] speech = TestSignals.speechLike(120, RATE, 13);
        LiveLatencyProbe probe = stream(channel, rate == RATE ? speech : Resampler.convert(speech, RATE, rate), rate);
        List<Double> latencies = probe.firstDecodeMs();
        int quarter = Math.max(1, latencies.size() / 4);
        figures.put(prefix + "_first_quarter_p50_ms", Percentiles.of(latencies.subList(0, quarter), 50));
        figures.put(
                prefix + "_last_quarter_p50_ms",
                Percentiles.of(latencies.subList(latencies.size() - quarter, latencies.size()), 50));
    }

    private LiveLatencyProbe stream(Channel channel, float[] samples, int rate) throws InterruptedException {
        try (VoiceWorkerClient client = new VoiceWorkerClient(channel, ClientSettings.defaults())) {
            LiveLatencyProbe probe = new LiveLatencyProbe();
            SessionConfig config = SessionConfig.newBuilder()
                    .setLanguage("en")
                    .setMode(SessionMode.SESSION_MODE_LIVE)
                    .build();
            client.transcribeLive(Pcm16.fromFloat(samples), rate, 1, config, CHUNK_MS, 1.0, probe);
            return probe;
        }
    }

    private void live(Channel channel, float[] samples, int rate, String prefix, String werName, BenchFigures figures)
            throws InterruptedException {
        try (VoiceWorkerClient client = new VoiceWorkerClient(channel, ClientSettings.defaults())) {
            client.connect();
            SessionConfig config = SessionConfig.newBuilder()
                    .setLanguage("en")
                    .setMode(SessionMode.SESSION_MODE_LIVE)
                    .build();
            // Untimed, as fast as the worker takes it: at 50 chunks/s the JIT needs minutes to compile the live
            // path (both processes' for a sidecar), which would otherwise be what the round trips measure.
            byte[] pcm = Pcm16.fromFloat(samples);
            long chunksPerPass = Math.max(1, samples.length * 1000L / rate / CHUNK_MS);
            for (long sent = 0; sent < LIVE_WARM_UP_CHUNKS; sent += chunksPerPass) {
                client.transcribeLive(pcm, rate, 1, config, CHUNK_MS, 0, event -> {});
            }
            LiveLatencyProbe probe = new LiveLatencyProbe();
            TranscriptionResult result = client.transcribeLive(pcm, rate, 1, config, CHUNK_MS, 1.0, probe);
            figures.put(prefix + "_first_decode_p50_ms", Percentiles.of(probe.firstDecodeMs(), 50));
            figures.put(prefix + "_first_decode_p95_ms", Percentiles.of(probe.firstDecodeMs(), 95));
            figures.put(prefix + "_final_decode_p50_ms", Percentiles.of(probe.finalDecodeMs(), 50));
            figures.put(prefix + "_final_decode_p95_ms", Percentiles.of(probe.finalDecodeMs(), 95));
            figures.put(prefix + "_decodes", probe.reprocessedSeconds().size());
            figures.put(
                    prefix + "_reprocessed_s_per_decode",
                    probe.reprocessedSeconds().stream()
                            .mapToDouble(Double::doubleValue)
                            .average()
                            .orElse(Double.NaN));
            RoundTripStats rtt = result.roundTrips();
            figures.put(prefix + "_chunk_rtt_p50_ms", rtt.p50Ms());
            figures.put(prefix + "_chunk_rtt_p95_ms", rtt.p95Ms());
            figures.put(prefix + "_chunk_rtt_p99_ms", rtt.p99Ms());
            if (accuracy != null) {
                accuracy.live(prefix, werName, result, figures);
            }
        }
    }

    /** VmRSS of a Linux process; NaN where /proc is not there. */
    static double residentMib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
