package dev.voiceconsole.transcript;

import java.util.List;

/**
 * One SRT or WebVTT cue: a span of time and the text shown during it, already broken into lines.
 *
 * @param lines the words of each line, top to bottom
 * @param words the timed words of the cue, one for each word of {@code lines} in the same order; empty when its
 *              segment had no word times
 */
public record SubtitleCue(double startS, double endS, List<List<String>> lines, List<TranscriptWord> words) {

    public SubtitleCue {
        if (endS < startS) {
            throw new IllegalArgumentException("cue ends (" + endS + " s) before it starts (" + startS + " s)");
        }
        lines = lines.stream().map(List::copyOf).toList();
        words = List.copyOf(words);
    }

    /** The lines, their words joined by spaces, one below the other. */
    public String text() {
        return String.join(
                "\n", lines.stream().map(line -> String.join(" ", line)).toList());
    }
}
