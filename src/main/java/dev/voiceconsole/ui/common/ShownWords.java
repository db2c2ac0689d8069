package dev.voiceconsole.ui.common;

import dev.voiceconsole.transcript.TranscriptSegment;
import dev.voiceconsole.transcript.TranscriptWord;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Text as a screen shows it: its words, each with its time and probability, where the engine gave them, otherwise
 * plain text. Kept apart from JavaFX so what is shown can be decided (and tested) in a view model.
 *
 * @param text     the text shown, without the "…" of {@code cutFront}; the words joined by spaces when there are
 *                 words
 * @param words    the words of {@code text}, in order; empty where there are none (a weightless model, a guarded
 *                 text, or a partial, whose words do not reach the console yet)
 * @param cutFront the text's beginning was left off for room, and "…" shows that
 */
public record ShownWords(String text, List<TranscriptWord> words, boolean cutFront) {

    public static final ShownWords NONE = plain("");

    public ShownWords {
        words = List.copyOf(words);
        text = words.isEmpty() ? text.strip() : joined(words);
    }

    public static ShownWords plain(String text) {
        return new ShownWords(text == null ? "" : text, List.of(), false);
    }

    /** A final segment's words, or its text where it has none. */
    public static ShownWords of(TranscriptSegment segment) {
        return new ShownWords(segment.text(), segment.words(), false);
    }

    /** What a reader sees, as one string. */
    public String asText() {
        return cutFront ? "…" + text : text;
    }

    /**
     * The end of it within {@code maxChars} characters, the "…" in front counted: whole words where there are words
     * (a cut word could not carry its mark), the last characters otherwise.
     */
    public ShownWords lastChars(int maxChars) {
        if (asText().length() <= maxChars) {
            return this;
        }
        int from = words.size();
        int length = 1; // the "…"
        while (from > 0) {
            int more = words.get(from - 1).text().strip().length() + (from < words.size() ? 1 : 0);
            if (length + more > maxChars) {
                break;
            }
            length += more;
            from--;
        }
        if (from < words.size()) {
            return new ShownWords("", words.subList(from, words.size()), true);
        }
        // No words, or a last word longer than the room: its plain end, as before there were words.
        return new ShownWords(text.substring(text.length() - maxChars + 1).stripLeading(), List.of(), true);
    }

    private static String joined(List<TranscriptWord> words) {
        return words.stream().map(w -> w.text().strip()).collect(Collectors.joining(" "));
    }
}
