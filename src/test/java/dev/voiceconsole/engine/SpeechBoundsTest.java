package dev.voiceconsole.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SpeechBoundsTest {
    static final int RATE = 16_000;

    /** Silence with a 220 Hz tone (a stand-in for voiced speech) over each [from, to) span, in seconds. */
    private static float[] audio(double seconds, double amplitude, double... spans) {
        float[] samples = new float[(int) (seconds * RATE)];
        for (int s = 0; s < spans.length; s += 2) {
            for (int i = (int) (spans[s] * RATE); i < (int) (spans[s + 1] * RATE); i++) {
                samples[i] = (float) (amplitude * Math.sin(2 * Math.PI * 220 * i / RATE));
            }
        }
        return samples;
    }

    @Test
    void aSpanThatStartsInThePauseStartsAtTheSpeech() {
        float[] samples = audio(6, 0.3, 0.5, 2.0, 3.0, 5.0);

        SpeechBounds.Bounds bounds = SpeechBounds.within(samples, RATE, 2.0, 5.2);

        assertThat(bounds.startS()).isCloseTo(3.0 - SpeechBounds.MARGIN_S, within(0.011));
        assertThat(bounds.endS()).isCloseTo(5.0 + SpeechBounds.MARGIN_S, within(0.011));
    }

    @Test
    void theLastMomentsOfThePreviousSentenceAreNotThisOnesStart() {
        // the span begins 40 ms before the previous sentence's sound ends, then a 1.5-s pause
        float[] samples = audio(6, 0.3, 0.5, 2.04, 3.5, 5.0);

        SpeechBounds.Bounds bounds = SpeechBounds.within(samples, RATE, 2.0, 5.0);

        assertThat(bounds.startS()).isCloseTo(3.5 - SpeechBounds.MARGIN_S, within(0.011));
    }

    @Test
    void pausesBetweenWordsStayInsideTheSegment() {
        float[] samples = audio(4, 0.3, 1.0, 1.4, 1.6, 2.0, 2.2, 2.6);

        SpeechBounds.Bounds bounds = SpeechBounds.within(samples, RATE, 0.5, 3.0);

        assertThat(bounds.startS()).isCloseTo(1.0 - SpeechBounds.MARGIN_S, within(0.011));
        assertThat(bounds.endS()).isCloseTo(2.6 + SpeechBounds.MARGIN_S, within(0.011));
    }

    @Test
    void silenceAndSteadyNoiseKeepTheDecodersTimes() {
        assertThat(SpeechBounds.within(new float[RATE * 2], RATE, 0.2, 1.8))
                .isEqualTo(new SpeechBounds.Bounds(0.2, 1.8));
        float[] hum = audio(2, 0.1, 0.0, 2.0);
        assertThat(SpeechBounds.within(hum, RATE, 0.2, 1.8)).isEqualTo(new SpeechBounds.Bounds(0.2, 1.8));
    }

    @Test
    void theBoundsNeverLeaveTheDecodersSpan() {
        float[] samples = audio(4, 0.3, 0.0, 4.0);

        SpeechBounds.Bounds bounds = SpeechBounds.within(samples, RATE, 1.0, 2.0);

        assertThat(bounds.startS()).isGreaterThanOrEqualTo(1.0);
        assertThat(bounds.endS()).isLessThanOrEqualTo(2.0);
    }
}
