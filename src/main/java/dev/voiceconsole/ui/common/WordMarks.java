package dev.voiceconsole.ui.common;

import dev.voiceconsole.transcript.TranscriptWord;

/**
 * Which words a screen marks as ones the decoder was unsure of, and what hovering a word says about it.
 *
 * @param belowPercent words whose confidence, in whole percent as shown, is below this are marked; 0 = none
 */
public record WordMarks(int belowPercent) {

    public static final WordMarks OFF = new WordMarks(0);

    public WordMarks {
        if (belowPercent < 0 || belowPercent > 100) {
            throw new IllegalArgumentException("belowPercent must be 0..100, was " + belowPercent);
        }
    }

    /** The word's probability in whole percent, 0..100. */
    public static int percent(TranscriptWord word) {
        float p = word.probability();
        return Float.isNaN(p) ? 0 : Math.round(Math.max(0f, Math.min(1f, p)) * 100);
    }

    /** Compared as the percentage the tooltip shows, so a word said to be at 40% is never marked "below 40%". */
    public boolean low(TranscriptWord word) {
        return percent(word) < belowPercent;
    }

    /** "0:03.2 – 0:03.6, confidence 32% (below 40%)": its place in the transcript's times and how sure it was. */
    public String details(TranscriptWord word) {
        return SegmentTimes.of(word.startS(), word.endS()) + ", confidence " + percent(word) + "%"
                + (low(word) ? " (below " + belowPercent + "%)" : "");
    }
}
