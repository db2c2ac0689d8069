package dev.voiceconsole.transcript;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The SRT and WebVTT cues of a transcript. A segment whose text fits in one cue ({@link CueLayout}) is one cue over
 * the segment's span, as it always was. A longer one is split between words, using the words' own times: each cue
 * runs from its first word's start to its last word's end, kept inside the segment, in order and never overlapping
 * the next. Cuts fall after the end of a sentence, else after a comma (or ; :), where that costs the cue at most
 * half its length; otherwise each cue takes as many words as fit, except that the last two share theirs evenly
 * rather than leaving a word or two alone on the screen.
 *
 * <p>Text is split only at spaces, so text written without them (Chinese, Japanese) is one long "word" to this
 * class and stays on one line.
 */
public final class SubtitleCues {
    private static final String SENTENCE_ENDS = ".?!…。？！";
    private static final String CLAUSE_ENDS = ",;:，、；：";
    /** Closing quotes and brackets after a sentence's mark still end the sentence ("Stop." he said). */
    private static final String CLOSERS = "\"')]}»”’";

    private SubtitleCues() {}

    public static List<SubtitleCue> of(List<TranscriptSegment> segments, CueLayout layout) {
        List<SubtitleCue> cues = new ArrayList<>();
        for (TranscriptSegment s : segments) {
            cues.addAll(of(s, layout));
        }
        return cues;
    }

    /** The cues of one segment: none for an empty one. */
    static List<SubtitleCue> of(TranscriptSegment s, CueLayout layout) {
        List<String> text =
                s.text().isEmpty() ? List.of() : Arrays.asList(s.text().split("\\s+"));
        if (text.isEmpty()) {
            return List.of();
        }
        int max = layout.maxLineChars();
        List<String> timed = s.words().stream().map(TranscriptWord::text).toList();
        if (!timed.equals(text)) {
            // No word times (the weightless model, an older worker) or words that are no longer the text (the guard
            // cleaned it): nothing says when each word was spoken, so the segment's time cannot be divided and it
            // stays one cue, with as many lines as its text needs.
            return List.of(new SubtitleCue(s.startS(), s.endS(), CueLines.balanced(text, max), List.of()));
        }
        if (fitsOneCue(text, max)) {
            return List.of(new SubtitleCue(s.startS(), s.endS(), CueLines.balanced(text, max), s.words()));
        }
        List<Integer> cuts = new ArrayList<>();
        for (int from = 0; from < text.size(); from = cuts.get(cuts.size() - 1)) {
            cuts.add(cutAfter(text, from, max));
        }
        return timedCues(s, text, cuts, max);
    }

    /**
     * Each cue from its first word's start to its last word's end, inside the segment: starts never go back, and a
     * cue ends no later than the next one starts (word times from the decoder can overlap by a few milliseconds).
     */
    private static List<SubtitleCue> timedCues(TranscriptSegment s, List<String> text, List<Integer> cuts, int max) {
        double[] starts = new double[cuts.size()];
        double floor = s.startS();
        int from = 0;
        for (int i = 0; i < cuts.size(); i++) {
            starts[i] = clamp(s.words().get(from).startS(), floor, s.endS());
            floor = starts[i];
            from = cuts.get(i);
        }
        List<SubtitleCue> cues = new ArrayList<>();
        from = 0;
        for (int i = 0; i < cuts.size(); i++) {
            int to = cuts.get(i);
            double limit = i + 1 < cuts.size() ? starts[i + 1] : s.endS();
            double end = clamp(s.words().get(to - 1).endS(), starts[i], limit);
            cues.add(new SubtitleCue(
                    starts[i],
                    end,
                    CueLines.balanced(text.subList(from, to), max),
                    s.words().subList(from, to)));
            from = to;
        }
        if (cues.stream().anyMatch(c -> c.endS() <= c.startS()) && s.endS() > s.startS()) {
            // Word times that leave a cue no time on screen (words all at one instant, or far outside the segment)
            // cannot place the cuts; the text is better shown whole, in one cue, than some of it never.
            return List.of(new SubtitleCue(s.startS(), s.endS(), CueLines.balanced(text, max), s.words()));
        }
        return cues;
    }

    /** Where the cue that starts at word {@code from} ends (the index after its last word). */
    private static int cutAfter(List<String> words, int from, int max) {
        int longest = from + 1;
        while (longest < words.size() && fitsOneCue(words.subList(from, longest + 1), max)) {
            longest++;
        }
        if (longest == words.size()) {
            return longest;
        }
        int full = chars(words, from, longest);
        int sentence = -1;
        int clause = -1;
        for (int k = longest; k > from && 2 * chars(words, from, k) >= full; k--) {
            String last = stripClosers(words.get(k - 1));
            char mark = last.isEmpty() ? ' ' : last.charAt(last.length() - 1);
            if (sentence < 0 && SENTENCE_ENDS.indexOf(mark) >= 0) {
                sentence = k;
            }
            if (clause < 0 && CLAUSE_ENDS.indexOf(mark) >= 0) {
                clause = k;
            }
        }
        if (sentence > 0) {
            return sentence;
        }
        if (clause > 0) {
            return clause;
        }
        if (fitsOneCue(words.subList(longest, words.size()), max)) {
            return evenCut(words, from, longest, max);
        }
        return longest;
    }

    /**
     * The cut that splits the last two cues' words most evenly (the longer of the two as short as it can be), still
     * keeping the first at least half as long as it could be.
     */
    private static int evenCut(List<String> words, int from, int longest, int max) {
        int full = chars(words, from, longest);
        int best = longest;
        int bestLonger = Math.max(full, chars(words, longest, words.size()));
        for (int k = longest - 1; k > from && 2 * chars(words, from, k) >= full; k--) {
            if (!fitsOneCue(words.subList(k, words.size()), max)) {
                break; // an earlier cut leaves even more for the last cue
            }
            int longer = Math.max(chars(words, from, k), chars(words, k, words.size()));
            if (longer < bestLonger) {
                best = k;
                bestLonger = longer;
            }
        }
        return best;
    }

    private static boolean fitsOneCue(List<String> words, int max) {
        return CueLines.count(words, max) <= CueLayout.LINES_PER_CUE;
    }

    /** The length of words {@code from} (inclusive) to {@code to} (exclusive) on one line. */
    private static int chars(List<String> words, int from, int to) {
        int length = to - from - 1;
        for (int i = from; i < to; i++) {
            length += words.get(i).length();
        }
        return length;
    }

    private static String stripClosers(String word) {
        int end = word.length();
        while (end > 0 && CLOSERS.indexOf(word.charAt(end - 1)) >= 0) {
            end--;
        }
        return word.substring(0, end);
    }

    private static double clamp(double value, double low, double high) {
        return Math.min(Math.max(value, low), high);
    }
}
