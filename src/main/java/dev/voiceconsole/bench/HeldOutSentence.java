package dev.voiceconsole.bench;

/**
 * One sentence of the fixture model's held-out set and the espeak-ng voice that speaks it (a line of
 * {@code heldout.tsv}): training never heard the sentence or the voice.
 *
 * @param accent  espeak-ng voice, e.g. {@code en-us}
 * @param variant espeak-ng voice variant, e.g. {@code f3}
 * @param speed   words per minute ({@code -s})
 * @param pitch   0..99 ({@code -p})
 */
public record HeldOutSentence(String id, String accent, String variant, int speed, int pitch, String text) {

    /** The {@code -v} argument of espeak-ng. */
    public String voice() {
        return accent + "+" + variant;
    }
}
