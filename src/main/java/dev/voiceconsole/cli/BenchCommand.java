package dev.voiceconsole.cli;

import dev.voiceconsole.audio.Resampler;
import dev.voiceconsole.audio.TestSignals;
import dev.voiceconsole.audio.WavAudio;
import dev.voiceconsole.bench.AccuracyRunner;
import dev.voiceconsole.bench.BenchFigures;
import dev.voiceconsole.bench.BenchRunner;
import dev.voiceconsole.bench.HeldOutSet;
import dev.voiceconsole.bench.HeldOutStream;
import dev.voiceconsole.bench.SoakRunner;
import dev.voiceconsole.bench.SpokenSentences;
import dev.voiceconsole.bench.SynthesizerMissingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench}: how much the worker (embedded, sidecar; batch, live) costs on top of the bare engine. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measure the worker's latency, throughput and memory.",
            "Raw decode, batch and live latency, embedded and as a sidecar; chunk round",
            "trips, sidecar start-up and memory. Without --audio a speech-like signal is",
            "generated. With --held-out, the held-out sentences spoken by espeak-ng are the",
            "input, and word error rates are added."
        })
final class BenchCommand implements Callable<Integer> {

    private static final int RATE = 16_000;

    @Option(
            names = "--model",
            required = true,
            paramLabel = "PATH",
            description = "whisper.cpp ggml model file or name")
    String model;

    @Option(
            names = "--audio",
            paramLabel = "FILE.wav",
            description = "PCM WAV file (default: generated speech-like audio)")
    Path audioFile;

    @Option(names = "--threads", paramLabel = "N", description = "inference threads (default: up to 4)")
    Integer threads;

    @Option(
            names = "--format",
            defaultValue = "table",
            paramLabel = "json|table",
            description = "output (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--quick", description = "a few seconds of generated input, for a fast check")
    boolean quick;

    @Option(
            names = "--soak",
            paramLabel = "MINUTES",
            description = {
                "instead of the benchmark: N live sessions at real",
                "time against one sidecar for MINUTES, its resident",
                "memory and heap sampled, with growth per hour after",
                "a warm-up (docs/benchmarks.md)"
            })
    Double soakMinutes;

    @Option(
            names = "--sessions",
            defaultValue = "3",
            paramLabel = "N",
            description = "with --soak: live sessions at once (default: ${DEFAULT-VALUE})")
    int sessions;

    @Option(
            names = "--held-out",
            paramLabel = "PATH",
            description = {
                "the fixture model's held-out list (heldout.tsv): its",
                "sentences, spoken by espeak-ng and joined with",
                "pauses, become the input, and accuracy figures are",
                "added (docs/benchmarks.md)"
            })
    Path heldOut;

    @Option(names = "--sentences", paramLabel = "N", description = "with --held-out: only the first N sentences")
    Integer sentences;

    @Option(
            names = "--accuracy-only",
            description = {
                "with --held-out: only the accuracy figures, each",
                "path once (no timing pairs, warm-ups or throughput)"
            })
    boolean accuracyOnly;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("json") && !format.equals("table")) {
            throw new UserInputException("--format must be json or table, was '" + format + "'");
        }
        Path modelFile = CliInputs.requireModel(model);
        CliInputs.threads(threads);
        checkHeldOutOptions();
        if (soakMinutes != null) {
            return soak(modelFile);
        }
        if (heldOut != null) {
            return heldOut(modelFile);
        }
        BenchRunner runner = new BenchRunner(modelFile, threads, loadAudio(), quick);
        print(withProgressBar(runner.steps(), runner::run));
        return ExitCodes.OK;
    }

    private void checkHeldOutOptions() {
        if (heldOut == null && (sentences != null || accuracyOnly)) {
            throw new UserInputException("--sentences and --accuracy-only need --held-out");
        }
        if (heldOut != null && (audioFile != null || soakMinutes != null)) {
            throw new UserInputException("--held-out is the input: it does not go with --audio or --soak");
        }
        if (sentences != null && sentences < 1) {
            throw new UserInputException("--sentences must be at least 1, was " + sentences);
        }
    }

    private int heldOut(Path modelFile) throws Exception {
        HeldOutSet set;
        try {
            set = HeldOutSet.read(heldOut);
        } catch (IOException e) {
            throw new UserInputException("cannot read the held-out list: " + e.getMessage(), e);
        }
        if (sentences != null) {
            set = set.first(sentences);
        }
        Path work = Files.createTempDirectory("voice-console-bench");
        HeldOutStream stream;
        try {
            SpokenSentences voice = new SpokenSentences(work);
            try {
                voice.requireSynthesizer();
            } catch (SynthesizerMissingException e) {
                throw new UserInputException("--held-out needs espeak-ng to speak its sentences: " + e.getMessage(), e);
            }
            try {
                stream = HeldOutStream.speak(set.sentences(), voice);
            } catch (IOException e) {
                throw new UserInputException("cannot speak the held-out sentences: " + e.getMessage(), e);
            }
        } finally {
            deleteTree(work);
        }
        if (accuracyOnly) {
            AccuracyRunner runner = new AccuracyRunner(new AccuracyRunner.Settings(modelFile, threads, stream));
            print(withProgressBar(runner.steps(), runner::run));
        } else {
            BenchRunner runner = new BenchRunner(modelFile, threads, stream, quick);
            print(withProgressBar(runner.steps(), runner::run));
        }
        return ExitCodes.OK;
    }

    /** A run that reports its steps: {@link BenchRunner#run} or {@link AccuracyRunner#run}. */
    private interface StepsRun {
        BenchFigures run(Consumer<String> step) throws Exception;
    }

    private static BenchFigures withProgressBar(int steps, StepsRun run) throws Exception {
        try (ProgressBar bar = new ProgressBarBuilder()
                .setTaskName("Benchmark")
                .setInitialMax(steps)
                .setStyle(ProgressBarStyle.ASCII)
                .continuousUpdate()
                .build()) {
            return run.run(step -> {
                bar.setExtraMessage(step);
                bar.step();
            });
        }
    }

    private void print(BenchFigures figures) {
        spec.commandLine().getOut().print(format.equals("json") ? figures.toJson() : figures.toTable());
        spec.commandLine().getOut().flush();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private int soak(Path modelFile) throws Exception {
        if (!(soakMinutes > 0) || soakMinutes.isInfinite()) {
            throw new UserInputException("--soak must be a positive number of minutes, was " + soakMinutes);
        }
        if (sessions < 1 || sessions > 64) {
            throw new UserInputException("--sessions must be 1..64, was " + sessions);
        }
        java.io.PrintWriter err = spec.commandLine().getErr();
        BenchFigures figures = new SoakRunner(new SoakRunner.Settings(
                        modelFile, threads, java.time.Duration.ofMillis(Math.round(soakMinutes * 60_000)), sessions))
                .run(line -> {
                    err.println("soak " + line);
                    err.flush();
                });
        print(figures);
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
