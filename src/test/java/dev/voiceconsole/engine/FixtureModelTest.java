package dev.voiceconsole.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceconsole.bench.HeldOutSentence;
import dev.voiceconsole.bench.SpokenUtterance;
import dev.voiceconsole.testing.ModelTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real words through real whisper.cpp: the trained fixture model transcribes the held-out set (sentences and
 * voices it never heard in training), through the same engine the worker uses.
 */
@ModelTest
class FixtureModelTest {
    @TempDir
    static Path dir;

    static WhisperEngine engine;
    static List<SpokenUtterance> utterances = new ArrayList<>();
    static List<DecodeResult> results = new ArrayList<>();

    @BeforeAll
    static void transcribeHeldOutSet() throws Exception {
        // The trained model is not committed yet (tools/fixture-model/README.md, "Status"): these acceptance tests
        // of issue 12 are skipped, visibly, until it is.
        Assumptions.assumeTrue(
                java.nio.file.Files.exists(HeldOutSpeech.MODEL), "trained fixture model not committed yet");
        engine = WhisperEngine.load(HeldOutSpeech.MODEL, new WhisperEngineSettings(2, 1, false));
        for (HeldOutSentence e : HeldOutSpeech.entries()) {
            SpokenUtterance u = HeldOutSpeech.utterance(e, dir);
            utterances.add(u);
            results.add(engine.decode(u.samples(), DecodeRequest.defaults()));
        }
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void modelFileIsAValidWhisperModelWithRealWeights() throws Exception {
        GgmlModelInfo info = ModelValidator.validate(HeldOutSpeech.MODEL);
        assertThat(info.tensorCount()).isEqualTo(128);
        // 10 MiB: the 51,864-row token embedding alone is 7 MB of q8_0, and the identity decoder block that keeps
        // whisper.cpp from taking the model for a distil-whisper (export.py) adds 0.3 MB.
        assertThat(HeldOutSpeech.MODEL.toFile().length()).isLessThanOrEqualTo(10L << 20);
    }

    @Test
    void wordErrorRateOnTheHeldOutSetIsAtMostFivePercent() {
        int errors = 0;
        int words = 0;
        for (int i = 0; i < utterances.size(); i++) {
            List<String> ref = HeldOutSpeech.words(utterances.get(i).sentence().text());
            errors += HeldOutSpeech.wordErrors(
                    ref, HeldOutSpeech.words(results.get(i).text()));
            words += ref.size();
        }
        double wer = (double) errors / words;
        System.out.printf(
                "fixture model, raw engine: WER %.4f (%d errors / %d words, %d utterances)%n",
                wer, errors, words, utterances.size());
        assertThat(wer).isLessThanOrEqualTo(0.05);
    }

    @Test
    void whisperCppAgreesWithThePyTorchModelItWasExportedFrom() throws Exception {
        Map<String, String> reference = HeldOutSpeech.referenceTranscripts();
        int same = 0;
        List<String> differing = new ArrayList<>();
        for (int i = 0; i < utterances.size(); i++) {
            String id = utterances.get(i).sentence().id();
            List<String> ours = HeldOutSpeech.words(results.get(i).text());
            if (ours.equals(HeldOutSpeech.words(reference.get(id)))) {
                same++;
            } else {
                differing.add(
                        id + ": " + reference.get(id) + " | " + results.get(i).text());
            }
        }
        assertThat((double) same / utterances.size())
                .as("differing: %s", differing)
                .isGreaterThanOrEqualTo(0.98);
    }

    @Test
    void everySegmentCarriesTheDecodersScoresAndTheLanguageHeard() {
        int segments = 0;
        for (DecodeResult result : results) {
            // an English-only model asked for "auto" hears English, and cannot doubt it
            assertThat(result.language()).isEqualTo(new SpokenLanguage("en", 1.0));
            for (DecodedSegment s : result.segments()) {
                if (s.text().isBlank()) {
                    continue;
                }
                assertThat(s.hasScores()).as(s.text()).isTrue();
                assertThat((double) s.noSpeechProb()).as(s.text()).isBetween(0.0, 1.0);
                assertThat((double) s.avgLogprob()).as(s.text()).isBetween(-5.0, 0.0);
                segments++;
            }
        }
        assertThat(segments).isGreaterThanOrEqualTo(results.size());
    }

    @Test
    void segmentTimesFallOnTheSpeech() {
        int checked = 0;
        for (int i = 0; i < utterances.size(); i++) {
            SpokenUtterance u = utterances.get(i);
            List<DecodedSegment> segments = results.get(i).segments().stream()
                    .filter(s -> !s.text().isBlank())
                    .toList();
            if (segments.isEmpty()) {
                continue;
            }
            assertThat(segments.get(0).startS())
                    .as(u.sentence().id())
                    .isCloseTo(u.speechStartS(), org.assertj.core.data.Offset.offset(0.3));
            assertThat(segments.get(segments.size() - 1).endS())
                    .as(u.sentence().id())
                    .isCloseTo(u.speechEndS(), org.assertj.core.data.Offset.offset(0.3));
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(utterances.size() * 9 / 10);
    }
}
