package dev.voiceconsole.worker.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceconsole.engine.DecodedSegment;
import java.util.List;
import org.junit.jupiter.api.Test;

class HallucinationGuardTest {

    private final HallucinationGuard guard = new HallucinationGuard(0.6f, -1.0f);

    private static DecodedSegment scored(String text, float noSpeech, float logprob) {
        return new DecodedSegment(text, 0, 1, true, logprob, noSpeech);
    }

    @Test
    void dropsASegmentOnlyWhenNoSpeechIsLikelyAndConfidenceIsLow() {
        assertThat(guard.filter(List.of(scored("hello there", 0.9f, -1.5f)))).isEmpty();
        assertThat(guard.filter(List.of(scored("hello there", 0.9f, -0.3f))))
                .extracting(DecodedSegment::text)
                .containsExactly("hello there");
        assertThat(guard.filter(List.of(scored("hello there", 0.05f, -1.5f))))
                .extracting(DecodedSegment::text)
                .containsExactly("hello there");
        assertThat(guard.filter(List.of(scored("hello there", 0.05f, -0.3f))))
                .extracting(DecodedSegment::text)
                .containsExactly("hello there");
    }

    @Test
    void dropsRunOnTextThatCouldNotFitInTheAudioAndSaysSo() {
        String runOn = String.join(
                " ", java.util.Collections.nCopies(25, "alpha beta gamma delta echo foxtrot golf hotel india juliet"));
        HallucinationGuard.Guarded guarded = guard.filter(List.of(DecodedSegment.unscored(runOn, 0, 1)), 1.0);

        assertThat(guarded.kept()).isEmpty();
        assertThat(guarded.dropped())
                .isEqualTo("run-on text dropped: 250 words decoded from 1.0 s of audio (at most 9 fit)");
    }

    @Test
    void keepsFastButPossibleSpeech() {
        // nine words in one second: the most the rate bound lets through
        HallucinationGuard.Guarded guarded = guard.filter(
                List.of(DecodedSegment.unscored("one two three four five six seven eight nine", 0, 1)), 1.0);

        assertThat(guarded.kept()).hasSize(1);
        assertThat(guarded.dropped()).isEmpty();
    }

    @Test
    void unscoredSegmentsAreNeverDroppedByScore() {
        assertThat(guard.filter(List.of(DecodedSegment.unscored("hello", 0, 1))))
                .hasSize(1);
    }

    @Test
    void stripsNonSpeechTags() {
        assertThat(HallucinationGuard.clean("[BLANK_AUDIO]")).isEmpty();
        assertThat(HallucinationGuard.clean("(music) ♪ [MUSIC] *laughs*")).isEmpty();
        assertThat(HallucinationGuard.clean("Hello [inaudible] world (silence)"))
                .isEqualTo("Hello world");
        assertThat(guard.filter(List.of(DecodedSegment.unscored(" [BLANK_AUDIO] ", 0, 1))))
                .isEmpty();
    }

    @Test
    void collapsesRepeatedWordsAndPhrases() {
        assertThat(HallucinationGuard.clean("the the the the end")).isEqualTo("the end");
        assertThat(HallucinationGuard.clean("I see. I see. I see. I see.")).isEqualTo("I see.");
        assertThat(HallucinationGuard.clean("go to bed go to bed go to bed now"))
                .isEqualTo("go to bed now");
        // Two repeats are ordinary speech ("very very") and stay.
        assertThat(HallucinationGuard.clean("very very good")).isEqualTo("very very good");
    }

    @Test
    void dropsVideoOutrosButKeepsThankYou() {
        assertThat(HallucinationGuard.clean("Thanks for watching!")).isEmpty();
        assertThat(HallucinationGuard.clean("Subtitles by the Amara.org community"))
                .isEmpty();
        assertThat(HallucinationGuard.clean("Thank you.")).isEqualTo("Thank you.");
    }
}
