package dev.voiceconsole.cli;

import dev.voiceconsole.app.LocalWorker;
import dev.voiceconsole.audio.WavAudio;
import dev.voiceconsole.client.ClientSettings;
import dev.voiceconsole.client.RecoveryListener;
import dev.voiceconsole.client.RecoveryReport;
import dev.voiceconsole.client.TranscriptionProgress;
import dev.voiceconsole.client.TranscriptionResult;
import dev.voiceconsole.client.VoiceWorkerClient;
import dev.voiceconsole.client.WorkerHandle;
import dev.voiceconsole.client.WorkerPool;
import dev.voiceconsole.engine.ModelValidator;
import dev.voiceconsole.engine.WhisperEngineSettings;
import dev.voiceconsole.metrics.MetricsEndpoint;
import dev.voiceconsole.metrics.MetricsPortInUseException;
import dev.voiceconsole.proto.v1.FinalSegment;
import dev.voiceconsole.proto.v1.SessionConfig;
import dev.voiceconsole.sidecar.RemoteWorkers;
import dev.voiceconsole.sidecar.SidecarCommandLine;
import dev.voiceconsole.sidecar.SidecarLaunch;
import dev.voiceconsole.sidecar.SidecarStartException;
import dev.voiceconsole.sidecar.SidecarToken;
import dev.voiceconsole.sidecar.WorkerLauncher;
import dev.voiceconsole.transcript.CueLayout;
import dev.voiceconsole.transcript.TranscriptFormat;
import dev.voiceconsole.transcript.TranscriptSegment;
import dev.voiceconsole.transcript.TranscriptWord;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code transcribe FILE.wav}: batch through an offline session, or {@code --stream} through a live one. */
@Command(
        name = "transcribe",
        mixinStandardHelpOptions = true,
        description = {
            "Transcribe a PCM WAV file (8 to 48 kHz, mono or stereo).",
            "Batch through the voice worker by default (text on stdout); with --stream the",
            "file is fed as a microphone would, and every worker event is one JSON line."
        })
final class TranscribeCommand implements Callable<Integer> {

    /** Files shorter than this finish before a progress bar would help. */
    private static final double PROGRESS_BAR_MIN_SECONDS = 30;
    /** An unreachable remote worker delays placement by at most this. */
    @Parameters(index = "0", paramLabel = "FILE.wav", description = "PCM WAV file")
    Path file;

    @Option(
            names = "--model",
            paramLabel = "PATH",
            description = {
                "whisper.cpp ggml model file, or the name of one in",
                "the user's model directory (required, except with",
                "--mode remote: remote workers bring their own model)"
            })
    String model;

    @Option(
            names = "--format",
            defaultValue = "txt",
            paramLabel = "txt|json|srt|vtt",
            description = "batch mode's output format (default: ${DEFAULT-VALUE})")
    String format;

    @Option(
            names = "--max-line-chars",
            defaultValue = "" + CueLayout.DEFAULT_MAX_LINE_CHARS,
            paramLabel = "N",
            description = {
                "srt and vtt: at most N characters a line, 2 lines a",
                "cue; longer segments become several cues, split",
                "between words at the words' times (default: ${DEFAULT-VALUE})"
            })
    int maxLineChars;

    @Option(
            names = "--language",
            defaultValue = "auto",
            paramLabel = "LANG",
            description = {"spoken language: a code (en, de) or name (German),", "or auto (default)"})
    String language;

    @Option(names = "--translate", description = "translate to English")
    boolean translate;

    @Option(names = "--prompt", defaultValue = "", paramLabel = "TEXT", description = "initial prompt (style, context)")
    String prompt;

    @Option(
            names = "--vocabulary",
            split = ",",
            paramLabel = "WORD",
            description = {"names and terms to spell as given, comma-separated", "(fed to the decoder prompt)"})
    List<String> vocabulary = List.of();

    @Mixin
    EngineOptions engineOptions;

    @Option(
            names = "--stream",
            description = {"feed the file through a live session and print", "events as JSON lines"})
    boolean stream;

    @Option(
            names = "--pace",
            defaultValue = "1.0",
            paramLabel = "X",
            description = {"with --stream: 1.0 = real time, 0 = as fast as", "possible (default: ${DEFAULT-VALUE})"})
    double pace;

    @Option(
            names = "--chunk-ms",
            defaultValue = "20",
            paramLabel = "MS",
            description = "with --stream: chunk length (default: ${DEFAULT-VALUE})")
    int chunkMs;

    @Option(names = "--no-acks", description = "with --stream: print no chunk acknowledgements")
    boolean noAcks;

    @Option(
            names = "--mode",
            defaultValue = "embedded",
            paramLabel = "embedded|sidecar|remote",
            description = {
                "where the worker runs (default: ${DEFAULT-VALUE}); a",
                "sidecar that cannot start is replaced by the",
                "embedded worker unless --no-fallback (see",
                "docs/adr/0004); remote: the healthiest, least-loaded",
                "of the --target workers (see docs/adr/0005)"
            })
    String mode;

    @Option(
            names = "--target",
            split = ",",
            paramLabel = "HOST:PORT",
            description = {
                "with --mode remote: the worker(s) to use,",
                "comma-separated; the bearer token comes from",
                "$" + SidecarToken.ENV_VAR + " or --token-file"
            })
    List<String> targets;

    @Mixin
    TokenFileOption tokenFile;

    @Option(names = "--tls-ca", paramLabel = "PEM", description = "with --mode remote: TLS, trusting this certificate")
    Path tlsCa;

    @Option(
            names = "--metrics-port",
            paramLabel = "PORT",
            description = {
                "with --mode embedded: serve the worker's Prometheus",
                "metrics on http://127.0.0.1:PORT/metrics while the",
                "run lasts (0 = a free port, named on stderr)"
            })
    Integer metricsPort;

    @Option(names = "--no-fallback", description = "with --mode sidecar: fail rather than fall back")
    boolean noFallback;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** From --max-line-chars, checked before anything loads. */
    private CueLayout cueLayout = CueLayout.defaults();

    @Override
    public Integer call() throws Exception {
        TranscriptFormat outputFormat = CliInputs.transcriptFormat(format);
        cueLayout = CliInputs.cueLayout(maxLineChars);
        if (pace < 0) {
            throw new UserInputException("--pace must be 0 (as fast as possible) or positive, was " + pace);
        }
        if (chunkMs < 5 || chunkMs > 1000) {
            throw new UserInputException("--chunk-ms must be 5..1000, was " + chunkMs);
        }
        String languageCode = CliInputs.language(language);
        WavAudio audio = CliInputs.readWav(file);
        CliInputs.StreamAudio wire = CliInputs.toWireAudio(audio);
        SessionConfig config = SessionConfig.newBuilder()
                .setLanguage(languageCode)
                .setTranslate(translate)
                .setInitialPrompt(prompt)
                .addAllVocabulary(vocabulary)
                .build();
        if ("remote".equals(mode)) {
            try (WorkerPool pool = remotePool()) {
                if (stream) {
                    streamThroughPool(pool, wire, config);
                } else {
                    PrintWriter err = spec.commandLine().getErr();
                    TranscriptionResult result = transcribeBatch(
                            progress -> pool.transcribeOffline(
                                    wire.pcm16le(), wire.sampleRateHz(), 1, config, progress, (lost, cause) -> {
                                        err.println("voice-console: worker " + lost + " lost (" + cause.getMessage()
                                                + "); transcribing the file again on another worker");
                                        err.flush();
                                    }),
                            audio.durationSeconds());
                    printTranscript(result, outputFormat);
                }
            }
            return ExitCodes.OK;
        }
        if (targets != null || tlsCa != null || tokenFile.given()) {
            throw new UserInputException("--target, --tls-ca and --token-file need --mode remote");
        }
        if (model == null) {
            throw new UserInputException("--model is required (except with --mode remote)");
        }
        WorkerLauncher.Mode workerMode = parseMode();
        if (metricsPort != null && workerMode != WorkerLauncher.Mode.EMBEDDED) {
            throw new UserInputException(
                    "--metrics-port is for --mode embedded; a sidecar takes its own --metrics-port "
                            + "(see 'voice-console sidecar --help')");
        }
        Path modelFile = CliInputs.requireModel(model);
        if (workerMode == WorkerLauncher.Mode.SIDECAR) {
            // A bad model is the user's mistake in either mode: say so at once, not as a failed sidecar start.
            ModelValidator.validateForThisMachine(modelFile);
        }
        WhisperEngineSettings engineSettings = engineOptions.settings();
        if (metricsPort != null) {
            return transcribeEmbeddedWithMetrics(
                    modelFile, engineSettings, wire, config, audio.durationSeconds(), outputFormat);
        }
        WorkerLauncher launcher = new WorkerLauncher(
                SidecarLaunch.defaults(SidecarCommandLine.ofRunningApp(), modelFile, engineOptions.threads)
                        .withGpu(engineOptions.gpu),
                LocalWorker.starter(modelFile, engineSettings),
                !noFallback,
                ClientSettings.defaults());
        try (WorkerHandle worker = launchWorker(launcher, workerMode);
                VoiceWorkerClient client = new VoiceWorkerClient(worker.channel(), ClientSettings.defaults())) {
            transcribe(client, wire, config, audio.durationSeconds(), outputFormat);
        }
        return ExitCodes.OK;
    }

    private void transcribe(
            VoiceWorkerClient client,
            CliInputs.StreamAudio wire,
            SessionConfig config,
            double seconds,
            TranscriptFormat outputFormat)
            throws InterruptedException {
        String reportedMode = client.connect().getMode();
        if (stream) {
            EventPrinter printer = new EventPrinter(spec.commandLine().getOut(), !noAcks);
            TranscriptionResult result =
                    client.transcribeLive(wire.pcm16le(), wire.sampleRateHz(), 1, config, chunkMs, pace, printer);
            printer.printSummary(result, reportedMode);
        } else {
            printTranscript(
                    transcribeBatch(
                            progress ->
                                    client.transcribeOffline(wire.pcm16le(), wire.sampleRateHz(), 1, config, progress),
                            seconds),
                    outputFormat);
        }
    }

    private void printTranscript(TranscriptionResult result, TranscriptFormat outputFormat) {
        spec.commandLine().getOut().print(outputFormat.render(toSegments(result.segments()), cueLayout));
        spec.commandLine().getOut().flush();
    }

    private int transcribeEmbeddedWithMetrics(
            Path modelFile,
            WhisperEngineSettings engineSettings,
            CliInputs.StreamAudio wire,
            SessionConfig config,
            double seconds,
            TranscriptFormat outputFormat)
            throws Exception {
        MetricsEndpoint endpoint;
        try {
            endpoint = MetricsEndpoint.of(MetricsEndpoint.DEFAULT_HOST, metricsPort);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        }
        LocalWorker local;
        try {
            local = LocalWorker.start(modelFile, engineSettings, "embedded", Optional.of(endpoint));
        } catch (MetricsPortInUseException e) {
            spec.commandLine().getErr().println("voice-console: " + e.getMessage());
            return ExitCodes.PORT_IN_USE;
        }
        try (local;
                VoiceWorkerClient client = new VoiceWorkerClient(local.channel(), ClientSettings.defaults())) {
            spec.commandLine()
                    .getErr()
                    .println("voice-console: metrics on http://" + MetricsEndpoint.DEFAULT_HOST + ":"
                            + local.metricsPort().orElseThrow() + "/metrics");
            spec.commandLine().getErr().flush();
            transcribe(client, wire, config, seconds, outputFormat);
        }
        return ExitCodes.OK;
    }

    /** A live stream that moves to another worker of the pool, replaying its uncommitted audio, if its worker dies. */
    private void streamThroughPool(WorkerPool pool, CliInputs.StreamAudio wire, SessionConfig config)
            throws InterruptedException {
        EventPrinter printer = new EventPrinter(spec.commandLine().getOut(), !noAcks);
        PrintWriter err = spec.commandLine().getErr();
        TranscriptionResult result = pool.transcribeLive(
                wire.pcm16le(), wire.sampleRateHz(), 1, config, chunkMs, pace, printer, new RecoveryListener() {
                    @Override
                    public void onWorkerLost(Throwable cause) {
                        err.println("voice-console: worker lost (" + cause.getMessage() + "); moving the session");
                        err.flush();
                    }

                    @Override
                    public void onRecovered(RecoveryReport r) {
                        err.printf(
                                Locale.ROOT,
                                "voice-console: session moved from %s to %s, %.2f s of audio replayed%n",
                                r.lostWorkerId(),
                                r.newWorkerId(),
                                r.replayedSeconds());
                        err.flush();
                    }
                });
        printer.printSummary(result, "remote");
    }

    /** One channel per target; the session of this run is pinned to the one worker the pool places it on. */
    private WorkerPool remotePool() throws IOException {
        if (targets == null || targets.isEmpty()) {
            throw new UserInputException("--mode remote needs --target HOST:PORT[,HOST:PORT...]");
        }
        if (model != null) {
            throw new UserInputException(
                    "--model does not apply to --mode remote: the remote worker loads its own model");
        }
        for (String target : targets) {
            if (!target.matches(".+:\\d{1,5}")) {
                throw new UserInputException("--target must be HOST:PORT, was '" + target + "'");
            }
        }
        Optional<String> token = tokenFile.token();
        return RemoteWorkers.pool(targets, token, CliInputs.tlsCa(tlsCa));
    }

    private WorkerLauncher.Mode parseMode() {
        try {
            return WorkerLauncher.Mode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--mode: unknown mode '" + mode + "' (use embedded, sidecar or remote)", e);
        }
    }

    private static WorkerHandle launchWorker(WorkerLauncher launcher, WorkerLauncher.Mode mode) throws Exception {
        try {
            return launcher.launch(mode);
        } catch (SidecarStartException e) {
            // Only with --no-fallback: the user asked for the sidecar and nothing else.
            throw new SidecarUnavailableException(
                    "the sidecar could not be used (" + e.cause() + "): " + e.getMessage(), e);
        }
    }

    /** One batch transcription, reporting its progress to what it is given. */
    @FunctionalInterface
    private interface Batch {
        TranscriptionResult run(TranscriptionProgress progress) throws InterruptedException;
    }

    private static TranscriptionResult transcribeBatch(Batch batch, double seconds) throws InterruptedException {
        if (seconds < PROGRESS_BAR_MIN_SECONDS) {
            return batch.run(TranscriptionProgress.none());
        }
        long totalTenths = Math.round(seconds * 10);
        try (ProgressBar bar = new ProgressBarBuilder()
                .setTaskName("Transcribing")
                .setInitialMax(totalTenths)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" s", 10)
                .showSpeed()
                .continuousUpdate()
                .build()) {
            return batch.run((done, total) -> bar.stepTo(Math.round(done * 10)));
        }
    }

    static List<TranscriptSegment> toSegments(List<FinalSegment> finals) {
        return finals.stream()
                .map(f -> new TranscriptSegment(
                        f.getSegmentId(),
                        f.getStartS(),
                        Math.max(f.getStartS(), f.getEndS()),
                        f.getText(),
                        f.getWordsList().stream()
                                .map(w ->
                                        new TranscriptWord(w.getText(), w.getStartS(), w.getEndS(), w.getProbability()))
                                .toList()))
                .toList();
    }
}
