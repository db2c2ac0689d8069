package dev.voiceconsole.ui.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceconsole.ui.journal.MatchHighlighter.Span;
import org.junit.jupiter.api.Test;

class MatchHighlighterTest {

    @Test
    void eachQueryWordMarksTheBeginningOfTheWordsItStarts() {
        assertThat(MatchHighlighter.spans("Deploy Kubernetes with kubectl.", "kube"))
                .containsExactly(
                        new Span("Deploy ", false),
                        new Span("Kube", true),
                        new Span("rnetes with ", false),
                        new Span("kube", true),
                        new Span("ctl.", false));
    }

    @Test
    void severalWordsAreMarkedWhereverTheyStandAndTheMiddleOfAWordIsNot() {
        assertThat(MatchHighlighter.spans("alpha bravo charlie", "CHARL alp"))
                .containsExactly(
                        new Span("alp", true),
                        new Span("ha bravo ", false),
                        new Span("charl", true),
                        new Span("ie", false));
        assertThat(MatchHighlighter.matches("alpha bravo", "lph")).isFalse();
    }

    @Test
    void aLineWithoutAMatchIsOnePlainSpan() {
        assertThat(MatchHighlighter.spans("echo foxtrot", "zulu")).containsExactly(new Span("echo foxtrot", false));
        assertThat(MatchHighlighter.spans("", "zulu")).isEmpty();
    }
}
