package dev.voiceconsole.cli;

import dev.voiceconsole.audio.Resampler;
import dev.voiceconsole.audio.TestSignals;
import dev.voiceconsole.audio.WavAudio;
import dev.voiceconsole.bench.BenchFigures;
import dev.voiceconsole.bench.BenchRunner;
import dev.voiceconsole.bench.SoakRunner;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code bench}: how much the worker (embedded, sidecar; batch, live) costs on top of the bare engine. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure raw decode, batch and live latency through the worker (embedded and sidecar),",
                "chunk round trips, sidecar start-up and memory. Without --audio a speech-like signal is generated."})
final class BenchCommand implements Callable<Integer> {

    private static final int RATE = 16_000;

    @Option(names = "--model", required = true, paramLabel = "PATH", description = "whisper.cpp ggml model file or name")
    String model;

    @Option(names = "--audio", paramLabel = "FILE.wav", description = "PCM WAV file (default: generated speech-like audio)")
    Path audioFile;

    @Option(names = "--threads", paramLabel = "N", description = "inference threads (default: up to 4)")
    Integer threads;

    @Option(names = "--format", defaultValue = "table", paramLabel = "json|table", description = "output (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--quick", description = "a short generated input (a few seconds) for a fast check")
    boolean quick;

    @Option(names = "--soak", paramLabel = "MINUTES", description = {"instead of the benchmark: N live sessions at "
            + "real time against one sidecar for MINUTES,", "its resident memory and heap sampled, with growth per hour "
            + "after a warm-up (docs/benchmarks.md)"})
    Double soakMinutes;

    @Option(names = "--sessions", defaultValue = "3", paramLabel = "N",
            description = "with --soak: live sessions at once (default: ${DEFAULT-VALUE})")
    int sessions;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("json") && !format.equals("table")) {
            throw new UserInputException("--format must be json or table, was '" + format + "'");
        }
        Path modelFile = CliInputs.requireModel(model);
        CliInputs.threads(threads);
        if (soakMinutes != null) {
            return soak(modelFile);
        }
        float[] audio = loadAudio();
        BenchFigures figures;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("Benchmark").setInitialMax(BenchRunner.STEPS)
                .setStyle(ProgressBarStyle.ASCII).continuousUpdate().build()) {
            figures = new BenchRunner(modelFile, threads, audio, quick).run(step -> {
                bar.setExtraMessage(step);
                bar.step();
            });
        }
        spec.commandLine().getOut().print(format.equals("json") ? figures.toJson() : figures.toTable());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private int soak(Path modelFile) throws Exception {
        if (!(soakMinutes > 0) || soakMinutes.isInfinite()) {
            throw new UserInputException("--soak must be a positive number of minutes, was " + soakMinutes);
        }
        if (sessions < 1 || sessions > 64) {
            throw new UserInputException("--sessions must be 1..64, was " + sessions);
        }
        java.io.PrintWriter err = spec.commandLine().getErr();
        BenchFigures figures = new SoakRunner(new SoakRunner.Settings(modelFile, threads,
                java.time.Duration.ofMillis(Math.round(soakMinutes * 60_000)), sessions)).run(line -> {
                    err.println("soak " + line);
                    err.flush();
                });
        spec.commandLine().getOut().print(format.equals("json") ? figures.toJson() : figures.toTable());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private float[] loadAudio() {
        if (audioFile == null) {
            return TestSignals.speechLike(quick ? 4 : 30, RATE, 7);
        }
        WavAudio wav = CliInputs.readWav(audioFile);
        float[] mono = wav.samples();
        return wav.sampleRate() == RATE ? mono : Resampler.convert(mono, wav.sampleRate(), RATE);
    }
}
