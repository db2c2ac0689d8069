package dev.voiceconsole.transcript;

import java.util.ArrayList;
import java.util.List;

/**
 * Breaks words into lines of at most a given length, only between words. A line always takes at least one word, so a
 * word longer than the limit stands alone on its line rather than being cut.
 */
final class CueLines {

    private CueLines() {}

    /** The fewest lines the words need (filling each line as far as it goes is optimal for that). */
    static int count(List<String> words, int maxChars) {
        int lines = 0;
        int length = -1;
        for (String word : words) {
            if (length < 0 || length + 1 + word.length() > maxChars) {
                lines++;
                length = word.length();
            } else {
                length += 1 + word.length();
            }
        }
        return lines;
    }

    /**
     * The words in as few lines as they need, balanced: the longest line as short as it can be, so two lines read as
     * a pair rather than a full line and a stray word. Where several breaks are as good, the lower lines are the longer
     * ones (the "pyramid" subtitle guides prefer, with the eye landing on the short top line first).
     */
    static List<List<String>> balanced(List<String> words, int maxChars) {
        int lines = count(words, maxChars);
        if (lines <= 1) {
            return words.isEmpty() ? List.of() : List.of(words);
        }
        // The narrowest width that still needs no more lines; at maxChars itself it always does.
        for (int width = 1; width < maxChars; width++) {
            List<List<String>> filled = fillFromTheEnd(words, width);
            if (filled.size() <= lines) {
                return filled;
            }
        }
        return fillFromTheEnd(words, maxChars);
    }

    /** Lines filled as far as they go, the last line first, so any shortfall falls on the top line. */
    private static List<List<String>> fillFromTheEnd(List<String> words, int width) {
        List<List<String>> lines = new ArrayList<>();
        int end = words.size();
        while (end > 0) {
            int start = end - 1;
            int length = words.get(start).length();
            while (start > 0 && length + 1 + words.get(start - 1).length() <= width) {
                start--;
                length += 1 + words.get(start).length();
            }
            lines.add(0, words.subList(start, end));
            end = start;
        }
        return lines;
    }
}
