package dev.voiceconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceconsole.audio.WavWriter;
import dev.voiceconsole.bench.HeldOutStream;
import dev.voiceconsole.bench.SpokenSentences;
import dev.voiceconsole.engine.HeldOutSpeech;
import dev.voiceconsole.testing.ModelTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's batch and live paths on real words: a recording of held-out sentences with pauses between
 * them, transcribed by the trained fixture model through the whole worker (VAD, offline packing or the live
 * LocalAgreement policy, the guard) and compared with what the raw engine hears in each sentence alone.
 */
@ModelTest
class FixtureTranscriptionTest {
    static final int SENTENCES = 12;
    static final int RATE = 16_000;
    /** An SRT or WebVTT cue: its times and its text, every line up to the blank one. */
    static final Pattern CUE = Pattern.compile(
            "(\\d\\d):(\\d\\d):(\\d\\d)[,.](\\d{3}) --> (\\d\\d):(\\d\\d):(\\d\\d)[,.](\\d{3})\\n((?:.+\\n)+)");

    @TempDir
    static Path dir;

    static Path recording;
    static final List<double[]> spans = new ArrayList<>();
    static final List<String> spoken = new ArrayList<>();

    @BeforeAll
    static void recordHeldOutSentences() throws Exception {
        // The trained model is not committed yet (tools/fixture-model/README.md, "Status"): these acceptance tests
        // of issue 12 are skipped, visibly, until it is.
        Assumptions.assumeTrue(
                java.nio.file.Files.exists(HeldOutSpeech.MODEL), "trained fixture model not committed yet");
        // pauses of 1.0-2.0 s: some sentences share a batch window, some do not (HeldOutStream, as bench speaks them)
        HeldOutStream stream =
                HeldOutStream.speak(HeldOutSpeech.entries().subList(0, SENTENCES), new SpokenSentences(dir));
        for (HeldOutStream.Span span : stream.spans()) {
            spans.add(new double[] {span.startS(), span.endS()});
            spoken.addAll(HeldOutSpeech.words(span.sentence().text()));
        }
        recording = dir.resolve("held-out-stream.wav");
        WavWriter.write(recording, RATE, stream.samples());
    }

    @Test
    void batchTranscriptHasTheWordsAndSrtTimesFallOnTheSpeech() {
        CliTest.Run run = CliTest.run(
                "transcribe", recording.toString(), "--model", HeldOutSpeech.MODEL.toString(), "--format", "srt");
        assertThat(run.exitCode()).as(run.err()).isZero();

        Matcher cue = CUE.matcher(run.out());
        List<String> heard = new ArrayList<>();
        int cues = 0;
        while (cue.find()) {
            double start = seconds(cue, 1);
            double end = seconds(cue, 5);
            assertThat(spans)
                    .as("a speech span starting at %.2f s", start)
                    .anyMatch(s -> Math.abs(s[0] - start) <= 0.3);
            assertThat(spans).as("a speech span ending at %.2f s", end).anyMatch(s -> Math.abs(s[1] - end) <= 0.3);
            assertFitsTheLayout(cue.group(9), 42);
            heard.addAll(HeldOutSpeech.words(cue.group(9)));
            cues++;
        }
        assertThat(cues).isGreaterThanOrEqualTo(SENTENCES / 2);
        double wer = (double) HeldOutSpeech.wordErrors(spoken, heard) / spoken.size();
        System.out.printf("fixture model, batch over %d sentences: WER %.4f, %d cues%n", SENTENCES, wer, cues);
        assertThat(wer).isLessThanOrEqualTo(0.05);
    }

    @Test
    void shortVttLinesSplitTheSegmentsIntoCuesTimedByTheirWordsOnTheSpeech() {
        CliTest.Run run = CliTest.run(
                "transcribe",
                recording.toString(),
                "--model",
                HeldOutSpeech.MODEL.toString(),
                "--format",
                "vtt",
                "--max-line-chars",
                "16");
        assertThat(run.exitCode()).as(run.err()).isZero();

        Matcher cue = CUE.matcher(run.out());
        List<String> heard = new ArrayList<>();
        double previousEnd = 0;
        int cues = 0;
        while (cue.find()) {
            double start = seconds(cue, 1);
            double end = seconds(cue, 5);
            assertThat(start).isGreaterThanOrEqualTo(previousEnd);
            assertThat(end).isGreaterThan(start);
            assertThat(spans)
                    .as("the speech span cue %.2f-%.2f s lies in", start, end)
                    .anyMatch(s -> start >= s[0] - 0.3 && end <= s[1] + 0.3);
            String text = cue.group(9).replaceAll("<[^>]*>", ""); // the karaoke word times
            assertFitsTheLayout(text, 16);
            heard.addAll(HeldOutSpeech.words(text));
            previousEnd = end;
            cues++;
        }
        // 16 characters and 2 lines a cue: the longer sentences (up to 77 characters) take two or three cues
        assertThat(cues).isGreaterThan(SENTENCES + SENTENCES / 2);
        assertThat((double) HeldOutSpeech.wordErrors(spoken, heard) / spoken.size())
                .isLessThanOrEqualTo(0.05);
    }

    /** At most two lines, each within {@code maxChars} unless it is one word. */
    private static void assertFitsTheLayout(String cueText, int maxChars) {
        List<String> lines = cueText.strip().lines().toList();
        assertThat(lines).hasSizeBetween(1, 2);
        assertThat(lines)
                .allSatisfy(line -> assertThat(line.length() <= maxChars || !line.contains(" "))
                        .as("'%s' within %d characters", line, maxChars)
                        .isTrue());
    }

    @Test
    void batchJsonCarriesTheWordsEachInsideItsSpeechWithAProbability() throws Exception {
        CliTest.Run run = CliTest.run(
                "transcribe", recording.toString(), "--model", HeldOutSpeech.MODEL.toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();

        JsonNode segments = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(run.out())
                .get("segments");
        List<String> heard = new ArrayList<>();
        int withWords = 0;
        for (JsonNode segment : segments) {
            List<String> words = new ArrayList<>();
            for (JsonNode word : segment.path("words")) {
                double start = word.get("start").asDouble();
                double end = word.get("end").asDouble();
                assertThat(end).isGreaterThanOrEqualTo(start);
                assertThat(start)
                        .isBetween(
                                segment.get("start").asDouble(),
                                segment.get("end").asDouble());
                assertThat(spans)
                        .as("the speech span word '%s' at %.2f-%.2f s lies in", word.get("word"), start, end)
                        .anyMatch(s -> start >= s[0] - 0.3 && end <= s[1] + 0.3);
                assertThat(word.get("probability").floatValue()).isBetween(0f, 1f);
                words.add(word.get("word").asText());
            }
            if (!words.isEmpty()) {
                withWords++;
                // the words are the segment's text, word for word
                assertThat(String.join(" ", words))
                        .isEqualTo(segment.get("text").asText());
            }
            heard.addAll(HeldOutSpeech.words(segment.get("text").asText()));
        }
        assertThat(withWords).isEqualTo(segments.size());
        assertThat((double) HeldOutSpeech.wordErrors(spoken, heard) / spoken.size())
                .isLessThanOrEqualTo(0.05);
    }

    @Test
    void liveFinalsLoseDuplicateAndReorderNoWordAcrossUtterances() throws Exception {
        CliTest.Run run = CliTest.run(
                "transcribe",
                recording.toString(),
                "--model",
                HeldOutSpeech.MODEL.toString(),
                "--stream",
                "--pace",
                "0",
                "--no-acks");
        assertThat(run.exitCode()).as(run.err()).isZero();

        List<String> finals = new ArrayList<>();
        int utterances = 0;
        int decodes = 0;
        for (JsonNode line : run.jsonLines()) {
            String type = line.path("type").asText();
            if (type.equals("decode")) {
                // the session asked for "auto" (the default); an English-only model hears English, surely
                assertThat(line.get("decode").path("language").asText())
                        .as(line.toString())
                        .isEqualTo("en");
                assertThat(line.get("decode").path("language_probability").asDouble())
                        .as(line.toString())
                        .isEqualTo(1.0);
                decodes++;
            }
            if (type.equals("final")) {
                finals.addAll(HeldOutSpeech.words(line.get("final").path("text").asText()));
            }
            if (type.equals("speech_started")) {
                utterances++;
            }
        }
        int errors = HeldOutSpeech.wordErrors(spoken, finals);
        System.out.printf(
                "fixture model, live over %d sentences (%d utterances): %d word errors in %d words%n",
                SENTENCES, utterances, errors, spoken.size());
        assertThat(utterances).isEqualTo(SENTENCES);
        assertThat(decodes).isGreaterThanOrEqualTo(SENTENCES);
        assertThat((double) errors / spoken.size()).isLessThanOrEqualTo(0.05);
    }

    private static double seconds(Matcher m, int group) {
        return Integer.parseInt(m.group(group)) * 3600
                + Integer.parseInt(m.group(group + 1)) * 60
                + Integer.parseInt(m.group(group + 2))
                + Integer.parseInt(m.group(group + 3)) / 1000.0;
    }
}
