package dev.voiceconsole.engine;

import java.util.List;

/**
 * One segment of decoded text.
 *
 * @param startS start, seconds from the beginning of the decoded buffer
 * @param endS end, seconds from the beginning of the decoded buffer
 * @param hasScores false when the engine does not expose token scores; then {@code avgLogprob} and
 *                  {@code noSpeechProb} are NaN and the native thresholds alone apply
 * @param words the segment's words with times and probabilities, in order; empty where the engine gives none
 */
public record DecodedSegment(
        String text,
        double startS,
        double endS,
        boolean hasScores,
        float avgLogprob,
        float noSpeechProb,
        List<DecodedWord> words) {

    public DecodedSegment {
        words = List.copyOf(words);
    }

    public DecodedSegment(
            String text, double startS, double endS, boolean hasScores, float avgLogprob, float noSpeechProb) {
        this(text, startS, endS, hasScores, avgLogprob, noSpeechProb, List.of());
    }

    public static DecodedSegment unscored(String text, double startS, double endS) {
        return new DecodedSegment(text, startS, endS, false, Float.NaN, Float.NaN);
    }

    /**
     * The same segment with cleaned text. The words stay only when the text is unchanged, since a cleaned text (a tag
     * or a loop removed) no longer matches them word for word.
     */
    public DecodedSegment withText(String cleaned) {
        List<DecodedWord> kept = cleaned.equals(text.strip()) ? words : List.of();
        return new DecodedSegment(cleaned, startS, endS, hasScores, avgLogprob, noSpeechProb, kept);
    }
}
