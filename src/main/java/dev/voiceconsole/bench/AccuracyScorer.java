package dev.voiceconsole.bench;

import dev.voiceconsole.client.TranscriptionResult;
import dev.voiceconsole.engine.DecodeRequest;
import dev.voiceconsole.engine.WhisperEngine;
import dev.voiceconsole.proto.v1.FinalSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns what each path heard of a {@link HeldOutStream} into accuracy figures: the raw engine on each sentence
 * alone is the reference ({@code wer_raw}); batch and live runs over the continuous stream are scored against the
 * same words, live ones also utterance by utterance ({@link WordAlignment}). The goals compare each path with raw,
 * because the worker should add no errors of its own to the model's.
 */
final class AccuracyScorer {

    /** Batch should hear what raw hears: |wer_batch − wer_raw| at most this (absolute). */
    static final double BATCH_GOAL = 0.005;
    /** Live may lose a little to its shorter context: wer_live − wer_raw at most this (absolute). */
    static final double LIVE_GOAL = 0.010;
    /** Error rates are ratios of small counts; this keeps 1/200 from missing a goal of 0.005 by rounding. */
    private static final double EPSILON = 1e-9;

    private final HeldOutStream stream;
    private final List<List<String>> reference;

    AccuracyScorer(HeldOutStream stream) {
        this.stream = stream;
        this.reference = stream.referenceWords();
    }

    /** The reference: each sentence decoded alone, padded as in training, by the bare engine. */
    void raw(WhisperEngine engine, BenchFigures figures) throws Exception {
        int errors = 0;
        int words = 0;
        for (int i = 0; i < reference.size(); i++) {
            String text = engine.decode(stream.alone(i).samples(), DecodeRequest.defaults())
                    .text();
            errors += WordAlignment.errors(reference.get(i), WordAlignment.words(text));
            words += reference.get(i).size();
        }
        figures.put("held_out_sentences", reference.size());
        figures.put("held_out_words", words);
        figures.put("wer_raw", errors / (double) words);
    }

    /** @param mode {@code batch_embedded} or {@code batch_sidecar}: the figure is {@code wer_} + mode */
    void batch(String mode, TranscriptionResult heard, BenchFigures figures) {
        figures.put(
                "wer_" + mode,
                WordAlignment.align(reference, heardBySentence(heard)).wer());
    }

    /**
     * @param prefix the live figures' prefix ({@code live_embedded}, …): the boundary counts go under it
     * @param werName the error rate's name ({@code wer_live_embedded}, …)
     */
    void live(String prefix, String werName, TranscriptionResult heard, BenchFigures figures) {
        WordAlignment.Score score = WordAlignment.align(reference, heardBySentence(heard));
        figures.put(werName, score.wer());
        figures.put(prefix + "_utterances", heard.segments().size());
        figures.put(prefix + "_boundary_inserted_words", score.boundaryInserted());
        figures.put(prefix + "_boundary_deleted_words", score.boundaryDeleted());
        figures.put(prefix + "_duplicated_words", score.duplicated());
        figures.put(prefix + "_wrong_utterance_words", score.wrongUtterance());
    }

    /** Adds a goal for every path whose error rate is in {@code figures}. */
    void goals(BenchFigures figures) {
        Double raw = figures.values().get("wer_raw");
        for (String mode : List.of("batch_embedded", "batch_sidecar")) {
            Double wer = figures.values().get("wer_" + mode);
            if (raw != null && wer != null) {
                figures.goal(new BenchFigures.Goal(
                        "wer_" + mode,
                        String.format(
                                Locale.ROOT, "|wer_%s - wer_raw| <= %.3f (was %+.4f)", mode, BATCH_GOAL, wer - raw),
                        Math.abs(wer - raw) <= BATCH_GOAL + EPSILON));
            }
        }
        for (String mode : List.of("live_embedded", "live_sidecar", "live_48k")) {
            Double wer = figures.values().get("wer_" + mode);
            if (raw != null && wer != null) {
                figures.goal(new BenchFigures.Goal(
                        "wer_" + mode,
                        String.format(Locale.ROOT, "wer_%s - wer_raw <= %.3f (was %+.4f)", mode, LIVE_GOAL, wer - raw),
                        wer - raw <= LIVE_GOAL + EPSILON));
            }
        }
    }

    /** Each final, tagged with the sentence its time falls on. */
    private List<WordAlignment.Heard> heardBySentence(TranscriptionResult result) {
        List<WordAlignment.Heard> heard = new ArrayList<>();
        for (FinalSegment f : result.segments()) {
            heard.add(new WordAlignment.Heard(
                    stream.sentenceAt(f.getStartS(), f.getEndS()), WordAlignment.words(f.getText())));
        }
        return heard;
    }
}
