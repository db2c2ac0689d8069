package dev.voiceconsole.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceconsole.cli.VoiceConsoleCommand;
import dev.voiceconsole.engine.WeightlessModelWriter;
import dev.voiceconsole.testing.ModelTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The accuracy part of {@code bench} as a user runs it: held-out sentences spoken by the real espeak-ng, real
 * whisper.cpp, the embedded worker and a real sidecar, real-time live sessions. The model is the weightless tiny.en:
 * it decodes at full cost and hears nothing, so every figure is known exactly (every word lost, none added) and
 * the test checks the measuring, not a model. (The under-trained fixture checkpoint would exercise non-empty text,
 * but its run-on decodes take minutes on a shared 2-core machine; {@link WordAlignmentTest} covers what it would.)
 */
@ModelTest
class BenchAccuracyTest {

    private static final Path FIXTURES = Path.of("src/test/fixtures/fixture-model");
    private static final List<String> WER = List.of(
            "wer_raw",
            "wer_batch_embedded",
            "wer_batch_sidecar",
            "wer_live_embedded",
            "wer_live_48k",
            "wer_live_sidecar");
    private static final List<String> LIVE = List.of("live_embedded", "live_embedded_48k", "live_sidecar");
    private static final List<String> COUNTS = List.of(
            "_utterances",
            "_boundary_inserted_words",
            "_boundary_deleted_words",
            "_duplicated_words",
            "_wrong_utterance_words");

    @Test
    void accuracyOnlyRunReportsEveryErrorRateBoundaryCountAndGoal(@TempDir Path dir) throws Exception {
        // Three short sentences of the committed list (their own voices), of which --sentences takes two: a stream
        // of about 5 s, so three real-time live sessions fit the test's budget.
        Path list = shortSentences(dir, "h002", "h014", "h024");
        Path model = WeightlessModelWriter.writeTinyEn(dir.resolve("tiny.bin"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = VoiceConsoleCommand.create(new PrintWriter(out), new PrintWriter(err))
                .execute(
                        "bench",
                        "--model",
                        model.toString(),
                        "--held-out",
                        list.toString(),
                        "--sentences",
                        "2",
                        "--accuracy-only",
                        "--format",
                        "json",
                        "--threads",
                        "1");

        assertThat(exit).as(err.toString()).isZero();
        Map<String, Double> figures = numbers(out.toString());
        assertThat(figures)
                .containsEntry("held_out_sentences", 2.0)
                .containsEntry("held_out_words", 4.0)
                .doesNotContainKey("raw_decode_ms")
                .doesNotContainKey("live_embedded_chunk_rtt_p50_ms");
        // "scratch that" and "invoice email" with 0.5 s before and 1.0 + 1.5 s of pauses
        assertThat(figures.get("audio_s")).isBetween(4.0, 6.5);
        for (String wer : WER) {
            assertThat(figures).as(wer).containsEntry(wer, 1.0);
        }
        for (String live : LIVE) {
            // nothing heard, so no final; both two-word sentences lost whole, i.e. at their boundaries
            assertThat(figures)
                    .containsEntry(live + "_utterances", 0.0)
                    .containsEntry(live + "_boundary_deleted_words", 4.0)
                    .containsEntry(live + "_boundary_inserted_words", 0.0)
                    .containsEntry(live + "_duplicated_words", 0.0)
                    .containsEntry(live + "_wrong_utterance_words", 0.0);
        }
        assertThat(figures.keySet()).containsExactlyInAnyOrderElementsOf(expectedNames());
        // every path is exactly as deaf as raw: each goal met
        assertThat(goals(out.toString()))
                .containsOnlyKeys(
                        "wer_batch_embedded",
                        "wer_batch_sidecar",
                        "wer_live_embedded",
                        "wer_live_sidecar",
                        "wer_live_48k")
                .doesNotContainValue(false);
    }

    private static List<String> expectedNames() {
        List<String> names = new java.util.ArrayList<>(List.of("audio_s", "held_out_sentences", "held_out_words"));
        names.addAll(WER);
        LIVE.forEach(live -> COUNTS.forEach(count -> names.add(live + count)));
        return names;
    }

    @Test
    void withoutEspeakOnThePathTheBenchSaysSoInOneLineAndExits2(@TempDir Path dir) throws Exception {
        // A PATH without espeak-ng needs a process of its own: the app as a user starts it, with this classpath.
        Path list = shortSentences(dir, "h002");
        Path model = WeightlessModelWriter.writeTinyEn(dir.resolve("tiny.bin"));
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        ProcessBuilder app = new ProcessBuilder(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.voiceconsole.app.Main",
                        "bench",
                        "--model",
                        model.toString(),
                        "--held-out",
                        list.toString())
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile())
                .directory(Path.of("").toAbsolutePath().toFile());
        app.environment().put("PATH", dir.resolve("no-tools-here").toString());
        Process running = app.start();
        assertThat(running.waitFor(60, TimeUnit.SECONDS)).isTrue();

        List<String> errLines = Files.readAllLines(dir.resolve("err.txt"), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank())
                .toList();
        assertThat(running.exitValue()).as(String.join("\n", errLines)).isEqualTo(2);
        assertThat(errLines).hasSize(1);
        assertThat(errLines.get(0)).contains("espeak-ng").contains("PATH").doesNotContain("Exception");
        assertThat(Files.readString(dir.resolve("out.txt"))).isEmpty();
    }

    /** A held-out list of the named lines of the committed one. */
    private static Path shortSentences(Path dir, String... ids) throws Exception {
        Set<String> wanted = Set.of(ids);
        List<String> lines = Files.readAllLines(FIXTURES.resolve("heldout.tsv"), StandardCharsets.UTF_8);
        List<String> chosen = lines.stream()
                .skip(1)
                .filter(l -> wanted.contains(l.split("\t", -1)[0]))
                .toList();
        assertThat(chosen).hasSize(ids.length);
        return Files.writeString(dir.resolve("heldout.tsv"), lines.get(0) + "\n" + String.join("\n", chosen) + "\n");
    }

    private static Map<String, Double> numbers(String json) {
        Map<String, Double> figures = new LinkedHashMap<>();
        Matcher m =
                Pattern.compile("\"([a-z0-9_]+)\": (-?[0-9.]+|NaN|-?Infinity)").matcher(json);
        while (m.find()) {
            figures.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return figures;
    }

    private static Map<String, Boolean> goals(String json) {
        Matcher m = Pattern.compile("\"goal_([a-z0-9_]+)_met\": (true|false)").matcher(json);
        return m.results().collect(Collectors.toMap(r -> r.group(1), r -> Boolean.parseBoolean(r.group(2))));
    }
}
