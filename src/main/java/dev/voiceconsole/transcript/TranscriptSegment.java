package dev.voiceconsole.transcript;

import java.util.List;

/**
 * One final piece of transcript with its place in the audio, as users save and export it.
 *
 * @param words its words with times and probabilities, where the engine gave them; empty otherwise
 */
public record TranscriptSegment(int id, double startS, double endS, String text, List<TranscriptWord> words) {

    public TranscriptSegment {
        if (endS < startS) {
            throw new IllegalArgumentException(
                    "segment " + id + " ends (" + endS + " s) before it starts (" + startS + " s)");
        }
        text = text == null ? "" : text.strip();
        words = List.copyOf(words);
    }

    public TranscriptSegment(int id, double startS, double endS, String text) {
        this(id, startS, endS, text, List.of());
    }
}
