package dev.voiceconsole.transcript;

/** One final piece of transcript with its place in the audio, as users save and export it. */
public record TranscriptSegment(int id, double startS, double endS, String text) {

    public TranscriptSegment {
        if (endS < startS) {
            throw new IllegalArgumentException(
                    "segment " + id + " ends (" + endS + " s) before it starts (" + startS + " s)");
        }
        text = text == null ? "" : text.strip();
    }
}
