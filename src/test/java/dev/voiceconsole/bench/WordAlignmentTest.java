package dev.voiceconsole.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceconsole.bench.WordAlignment.Heard;
import dev.voiceconsole.bench.WordAlignment.Score;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordAlignmentTest {

    private static List<String> w(String words) {
        return words.isEmpty() ? List.of() : Arrays.asList(words.split(" "));
    }

    private static Heard heard(int sentence, String words) {
        return new Heard(sentence, w(words));
    }

    private static Score align(List<String> sentences, Heard... heard) {
        return WordAlignment.align(sentences.stream().map(WordAlignmentTest::w).toList(), List.of(heard));
    }

    @Test
    void wordsAreLowerCaseWithoutPunctuation() {
        assertThat(WordAlignment.words("Hello, World. It's  David's  day!"))
                .containsExactly("hello", "world", "it's", "david's", "day");
        assertThat(WordAlignment.words(" ... ")).isEmpty();
    }

    @Test
    void errorsAreTheWordEditDistance() {
        assertThat(WordAlignment.errors(w("a b c"), w("a b c"))).isZero();
        assertThat(WordAlignment.errors(w("a b c"), w("a x c"))).isEqualTo(1);
        assertThat(WordAlignment.errors(w("a b c"), w("a c"))).isEqualTo(1);
        assertThat(WordAlignment.errors(w("a b c"), w("a b b c"))).isEqualTo(1);
        assertThat(WordAlignment.errors(w("a b c"), List.of())).isEqualTo(3);
        assertThat(WordAlignment.errors(List.of(), w("a b"))).isEqualTo(2);
    }

    @Test
    void aPerfectTranscriptHasNoErrorsAnywhere() {
        Score s = align(List.of("call my sister", "after lunch"), heard(0, "call my sister"), heard(1, "after lunch"));
        assertThat(s).isEqualTo(new Score(5, 0, 0, 0, 0, 0, 0, 0));
        assertThat(s.wer()).isZero();
    }

    @Test
    void aWordLostAtTheStartOfASentenceIsABoundaryDeletion() {
        Score s = align(
                List.of("please send the report today", "thank you"),
                heard(0, "send the report today"),
                heard(1, "thank you"));
        assertThat(s.deletions()).isEqualTo(1);
        assertThat(s.boundaryDeleted()).isEqualTo(1);
        assertThat(s.errors()).isEqualTo(1);
        assertThat(s.wer()).isEqualTo(1 / 7.0);
    }

    @Test
    void aWordLostInTheMiddleOfASentenceIsNoBoundaryDeletion() {
        Score s = align(List.of("please send the report today now"), heard(0, "please send report today now"));
        assertThat(s.deletions()).isEqualTo(1);
        assertThat(s.boundaryDeleted()).isZero();
    }

    @Test
    void aWholeLostUtteranceIsDeletedAtItsBoundaries() {
        Score s = align(List.of("call my sister", "after lunch please"), heard(0, "call my sister"));
        assertThat(s.deletions()).isEqualTo(3);
        // three words: each is among the first or last two
        assertThat(s.boundaryDeleted()).isEqualTo(3);
        assertThat(s.insertions()).isZero();
    }

    @Test
    void aWordSaidAgainAfterAnUtteranceBoundaryIsADuplicatedBoundaryInsertion() {
        Score s = align(
                List.of("send the report", "to David tomorrow"),
                heard(0, "send the report"),
                heard(1, "report to David tomorrow"));
        assertThat(s.insertions()).isEqualTo(1);
        assertThat(s.boundaryInserted()).isEqualTo(1);
        assertThat(s.duplicated()).isEqualTo(1);
        assertThat(s.wrongUtterance()).isZero();
        assertThat(s.errors()).isEqualTo(1);
    }

    @Test
    void aWordRepeatedAcrossACommitInsideAnUtteranceIsDuplicatedButNotAtABoundary() {
        Score s = align(List.of("the meeting is on Friday at ten"), heard(0, "the meeting is is on Friday at ten"));
        assertThat(s.insertions()).isEqualTo(1);
        assertThat(s.duplicated()).isEqualTo(1);
        assertThat(s.boundaryInserted()).isZero();
    }

    @Test
    void anInventedWordInsideAnUtteranceIsNeitherDuplicatedNorAtABoundary() {
        Score s = align(List.of("the meeting is on Friday at ten"), heard(0, "the meeting is blue on Friday at ten"));
        assertThat(s.insertions()).isEqualTo(1);
        assertThat(s.duplicated()).isZero();
        assertThat(s.boundaryInserted()).isZero();
    }

    @Test
    void aWordHeardInTheNextUtteranceIsRightButInTheWrongUtterance() {
        // the commit boundary fell one word early: nothing lost, nothing added, one word moved
        Score s = align(List.of("call my sister", "after lunch"), heard(0, "call my"), heard(1, "sister after lunch"));
        assertThat(s.errors()).isZero();
        assertThat(s.wrongUtterance()).isEqualTo(1);
    }

    @Test
    void twoSentencesHeardAsOneUtteranceMoveTheSecondSentencesWords() {
        Score s = align(List.of("call my sister", "after lunch"), heard(0, "call my sister after lunch"));
        assertThat(s.errors()).isZero();
        assertThat(s.wrongUtterance()).isEqualTo(2);
    }

    @Test
    void aRunOnHypothesisCanExceedAnErrorRateOfOne() {
        List<String> runOn = new ArrayList<>(Collections.nCopies(40, "paris"));
        Score s = WordAlignment.align(List.of(w("scratch that")), List.of(new Heard(0, runOn)));
        assertThat(s.errors()).isEqualTo(40);
        assertThat(s.wer()).isEqualTo(20.0);
        assertThat(s.duplicated()).isEqualTo(38);
    }

    @Test
    void theAlignmentsErrorsAreTheEditDistanceOfTheWholeStream() {
        List<String> sentences = List.of("hello world new line", "second line period", "scratch that");
        Heard[][] cases = {
            {heard(0, "hello word new"), heard(1, "line second line period"), heard(2, "scratch that that")},
            {heard(0, "hello world new line second"), heard(2, "scratch")},
            {heard(1, "period period"), heard(0, "hello")},
            {},
        };
        List<String> reference = w(String.join(" ", sentences));
        for (Heard[] c : cases) {
            List<String> all = Arrays.stream(c).flatMap(h -> h.words().stream()).toList();
            Score s = align(sentences, c);
            assertThat(s.errors()).as(all.toString()).isEqualTo(WordAlignment.errors(reference, all));
            assertThat(s.boundaryDeleted()).isLessThanOrEqualTo(s.deletions());
            assertThat(s.boundaryInserted()).isLessThanOrEqualTo(s.insertions());
            assertThat(s.duplicated()).isLessThanOrEqualTo(s.insertions());
        }
    }

    @Test
    void withoutReferenceWordsTheErrorRateIsUndefined() {
        assertThat(WordAlignment.align(List.of(), List.of()).wer()).isNaN();
    }
}
