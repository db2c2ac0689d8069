package dev.voiceconsole.bench;

/**
 * A held-out sentence as the tests and the raw reference hear it alone: 16-kHz speech with {@value #LEAD_S} s of
 * silence before and {@value #TAIL_S} s after, the padding the training tools give every clip.
 */
@SuppressWarnings("ArrayRecordComponent") // samples stay the float[] the engine takes, not boxed; never compared
public record SpokenUtterance(HeldOutSentence sentence, float[] samples, double speechStartS, double speechEndS) {

    public static final double LEAD_S = 0.3;
    public static final double TAIL_S = 0.4;
    private static final int RATE = 16_000;

    /**
     * Pads one sentence's speech with the lead and tail silence.
     *
     * @param speech trimmed 16-kHz speech ({@link SpokenSentences#speech})
     */
    public static SpokenUtterance of(HeldOutSentence sentence, float[] speech) {
        int lead = (int) (LEAD_S * RATE);
        float[] samples = new float[lead + speech.length + (int) (TAIL_S * RATE)];
        System.arraycopy(speech, 0, samples, lead, speech.length);
        return new SpokenUtterance(sentence, samples, LEAD_S, LEAD_S + speech.length / (double) RATE);
    }
}
