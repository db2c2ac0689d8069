package dev.voiceconsole.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceconsole.client.RoundTripStats;
import dev.voiceconsole.client.TranscriptionResult;
import dev.voiceconsole.proto.v1.FinalSegment;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccuracyScorerTest {

    private static final int RATE = HeldOutStream.RATE;

    private final HeldOutStream stream = HeldOutStream.join(
            List.of(
                    new HeldOutSentence("a", "en-us", "f3", 160, 50, "Call my sister."),
                    new HeldOutSentence("b", "en-us", "f3", 160, 50, "after lunch")),
            List.of(speech(), speech())); // spans 0.5-1.5 s and 2.5-3.5 s

    private static float[] speech() {
        float[] x = new float[RATE];
        Arrays.fill(x, 0.1f);
        return x;
    }

    private static TranscriptionResult heard(FinalSegment... finals) {
        return new TranscriptionResult("s", List.of(finals), 5, new RoundTripStats(0, 0, 0, 0, 0, 0, 0));
    }

    private static FinalSegment segment(String text, double startS, double endS) {
        return FinalSegment.newBuilder()
                .setText(text)
                .setStartS(startS)
                .setEndS(endS)
                .build();
    }

    @Test
    void liveFinalsAreScoredUtteranceByUtteranceByTheirTimes() {
        BenchFigures figures = new BenchFigures();
        // the commit fell a word early: "sister" arrives with the second sentence's final
        new AccuracyScorer(stream)
                .live(
                        "live_embedded",
                        "wer_live_embedded",
                        heard(segment(" Call my", 0.2, 1.3), segment(" sister. After lunch!", 1.3, 3.6)),
                        figures);
        assertThat(figures.values())
                .containsEntry("wer_live_embedded", 0.0)
                .containsEntry("live_embedded_utterances", 2.0)
                .containsEntry("live_embedded_wrong_utterance_words", 1.0)
                .containsEntry("live_embedded_boundary_inserted_words", 0.0)
                .containsEntry("live_embedded_boundary_deleted_words", 0.0)
                .containsEntry("live_embedded_duplicated_words", 0.0);
    }

    @Test
    void batchIsScoredOverTheWholeStream() {
        BenchFigures figures = new BenchFigures();
        new AccuracyScorer(stream)
                .batch("batch_sidecar", heard(segment("call my sister after after lunch", 0.4, 3.6)), figures);
        assertThat(figures.values()).containsOnly(java.util.Map.entry("wer_batch_sidecar", 0.2));
    }

    @Test
    void goalsCompareEachPathWithRawInAbsoluteTerms() {
        BenchFigures figures = new BenchFigures();
        figures.put("wer_raw", 0.020);
        figures.put("wer_batch_embedded", 0.025);
        figures.put("wer_batch_sidecar", 0.014);
        figures.put("wer_live_embedded", 0.030);
        figures.put("wer_live_sidecar", 0.031);
        figures.put("wer_live_48k", 0.0);
        new AccuracyScorer(stream).goals(figures);

        assertThat(figures.goals())
                .extracting(BenchFigures.Goal::name, BenchFigures.Goal::met)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("wer_batch_embedded", true),
                        org.assertj.core.groups.Tuple.tuple("wer_batch_sidecar", false),
                        org.assertj.core.groups.Tuple.tuple("wer_live_embedded", true),
                        org.assertj.core.groups.Tuple.tuple("wer_live_sidecar", false),
                        org.assertj.core.groups.Tuple.tuple("wer_live_48k", true));
        assertThat(figures.toJson())
                .contains("\"goal_wer_batch_embedded_met\": true", "\"goal_wer_live_sidecar_met\": false");
        assertThat(figures.toTable())
                .containsPattern(
                        "goal wer_batch_sidecar +MISSED  \\|wer_batch_sidecar - wer_raw\\| <= 0.005 \\(was -0.0060\\)");
    }

    @Test
    void noGoalsWithoutAccuracyFigures() {
        BenchFigures figures = new BenchFigures();
        figures.put("raw_decode_ms", 500);
        new AccuracyScorer(stream).goals(figures);
        assertThat(figures.goals()).isEmpty();
        assertThat(figures.toJson()).doesNotContain("goal");
    }
}
