package dev.voiceconsole.bench;

import dev.voiceconsole.app.LocalWorker;
import dev.voiceconsole.audio.Pcm16;
import dev.voiceconsole.audio.Resampler;
import dev.voiceconsole.client.ClientSettings;
import dev.voiceconsole.client.StreamListener;
import dev.voiceconsole.client.TranscriptionProgress;
import dev.voiceconsole.client.TranscriptionResult;
import dev.voiceconsole.client.VoiceWorkerClient;
import dev.voiceconsole.engine.WhisperEngine;
import dev.voiceconsole.engine.WhisperEngineSettings;
import dev.voiceconsole.proto.v1.SessionConfig;
import dev.voiceconsole.proto.v1.SessionMode;
import dev.voiceconsole.sidecar.SidecarCommandLine;
import dev.voiceconsole.sidecar.SidecarConnection;
import dev.voiceconsole.sidecar.SidecarLaunch;
import dev.voiceconsole.sidecar.SidecarProcess;
import io.grpc.Channel;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * {@code bench --held-out … --accuracy-only}: only the runs the accuracy figures need, each once — the sentences
 * alone through the bare engine, one batch and one real-time live session per path — without the timing pairs,
 * warm-ups and throughput rounds of {@link BenchRunner}. The same scoring as a full run ({@link AccuracyScorer}).
 */
public final class AccuracyRunner {

    private static final int RATE = HeldOutStream.RATE;
    private static final int CHUNK_MS = 20;

    /**
     * What to measure: the model, its inference threads and the held-out stream it hears.
     *
     * @param threads inference threads, null for the engine's default
     */
    public record Settings(Path model, Integer threads, HeldOutStream stream) {}

    private final Settings settings;

    public AccuracyRunner(Settings settings) {
        this.settings = settings;
    }

    /** Steps reported to the progress callback; a progress bar's maximum. */
    public int steps() {
        return 7;
    }

    public BenchFigures run(Consumer<String> step) throws Exception {
        BenchFigures figures = new BenchFigures();
        AccuracyScorer scorer = new AccuracyScorer(settings.stream());
        float[] audio = settings.stream().samples();
        WhisperEngineSettings engineSettings = settings.threads() == null
                ? WhisperEngineSettings.defaults()
                : WhisperEngineSettings.defaults().withThreads(settings.threads());
        figures.put("audio_s", settings.stream().seconds());

        step.accept("held-out sentences alone, raw");
        try (WhisperEngine raw = WhisperEngine.load(settings.model(), engineSettings)) {
            scorer.raw(raw, figures);
        }
        step.accept("batch embedded");
        try (LocalWorker worker = LocalWorker.start(settings.model(), engineSettings)) {
            scorer.batch("batch_embedded", batch(worker.channel(), audio), figures);
            step.accept("live embedded");
            scorer.live("live_embedded", "wer_live_embedded", live(worker.channel(), audio, RATE), figures);
            step.accept("live embedded 48 kHz");
            scorer.live(
                    "live_embedded_48k",
                    "wer_live_48k",
                    live(worker.channel(), Resampler.convert(audio, RATE, 48_000), 48_000),
                    figures);
        }
        step.accept("sidecar start");
        SidecarProcess process = SidecarProcess.start(
                SidecarLaunch.defaults(SidecarCommandLine.ofRunningApp(), settings.model(), settings.threads()));
        try (SidecarConnection sidecar = SidecarConnection.connect(process, ClientSettings.defaults())) {
            step.accept("batch sidecar");
            scorer.batch("batch_sidecar", batch(sidecar.channel(), audio), figures);
            step.accept("live sidecar");
            scorer.live("live_sidecar", "wer_live_sidecar", live(sidecar.channel(), audio, RATE), figures);
        }
        scorer.goals(figures);
        return figures;
    }

    private static TranscriptionResult batch(Channel channel, float[] audio) throws InterruptedException {
        try (VoiceWorkerClient client = new VoiceWorkerClient(channel, ClientSettings.defaults())) {
            client.connect();
            return client.transcribeOffline(
                    audio, RATE, SessionConfig.newBuilder().setLanguage("en").build(), TranscriptionProgress.none());
        }
    }

    /** At pace 1.0, as the full bench's live figures are: the live policy decodes as often as it would for a user. */
    private static TranscriptionResult live(Channel channel, float[] samples, int rate) throws InterruptedException {
        try (VoiceWorkerClient client = new VoiceWorkerClient(channel, ClientSettings.defaults())) {
            client.connect();
            SessionConfig config = SessionConfig.newBuilder()
                    .setLanguage("en")
                    .setMode(SessionMode.SESSION_MODE_LIVE)
                    .build();
            StreamListener ignore = event -> {};
            return client.transcribeLive(Pcm16.fromFloat(samples), rate, 1, config, CHUNK_MS, 1.0, ignore);
        }
    }
}
