package dev.voiceconsole.worker.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LocalAgreementTest {

    private static List<String> w(String text) {
        return Words.split(text);
    }

    @Test
    void commitsTheCommonPrefixOfTheLastTwoHypotheses() {
        assertThat(LocalAgreement.commit(w("the cat sat"), w("the cat sat on the"), 0))
                .containsExactly("the", "cat", "sat");
        assertThat(LocalAgreement.commit(w("the cat sad"), w("the cat sat on"), 0))
                .containsExactly("the", "cat");
    }

    @Test
    void commitsOnlyBeyondWhatIsAlreadyCommitted() {
        assertThat(LocalAgreement.commit(w("the cat sat on"), w("the cat sat on the mat"), 2))
                .containsExactly("sat", "on");
        assertThat(LocalAgreement.commit(w("the cat sat"), w("the cat sat on"), 3))
                .isEmpty();
    }

    @Test
    void disagreementBeforeTheCommittedWordsCommitsNothing() {
        assertThat(LocalAgreement.commit(w("a dog sat on"), w("the cat sat on"), 2))
                .isEmpty();
    }

    @Test
    void caseAndPunctuationDoNotBreakAgreementAndTheNewestSpellingIsKept() {
        assertThat(LocalAgreement.commit(w("Hello, world"), w("hello World. Again"), 0))
                .containsExactly("hello", "World.");
        assertThat(LocalAgreement.commit(w("It's fine."), w("its FINE and"), 0)).containsExactly("its", "FINE");
    }

    @Test
    void emptyHypothesesCommitNothing() {
        assertThat(LocalAgreement.commit(List.of(), w("hello"), 0)).isEmpty();
        assertThat(LocalAgreement.commit(w("hello"), List.of(), 0)).isEmpty();
    }

    @Test
    void remainderFollowsTheCommittedPrefix() {
        assertThat(LocalAgreement.remainderAfter(w("the cat"), w("The cat, sat down")))
                .containsExactly("sat", "down");
        assertThat(LocalAgreement.remainderAfter(List.of(), w("sat down"))).containsExactly("sat", "down");
        assertThat(LocalAgreement.remainderAfter(w("the cat sat"), w("the cat")))
                .isEmpty();
    }

    @Test
    void remainderSurvivesARespelledEarlierWordViaTheAnchor() {
        // The decoder changed "cat" to "kat" but the last committed word "sat" still anchors the continuation.
        assertThat(LocalAgreement.remainderAfter(w("the cat sat"), w("the kat sat on the mat")))
                .containsExactly("on", "the", "mat");
        // A word inserted in front shifts positions; the two-word anchor finds the right place.
        assertThat(LocalAgreement.remainderAfter(w("the cat sat"), w("so the cat sat down")))
                .containsExactly("down");
    }

    @Test
    void remainderFallsBackToPositionWhenTheLastCommittedWordWasRespelled() {
        assertThat(LocalAgreement.remainderAfter(w("the cat sat"), w("the cat sad on it")))
                .containsExactly("on", "it");
    }

    @Test
    void anchorFarFromItsExpectedPlaceIsNotTrusted() {
        // "the" appears again much later; positional fallback wins over a far-away match.
        assertThat(LocalAgreement.remainderAfter(w("a b the"), w("x y z q r s the end")))
                .containsExactly("q", "r", "s", "the", "end");
    }
}
