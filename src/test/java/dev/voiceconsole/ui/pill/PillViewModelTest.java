package dev.voiceconsole.ui.pill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceconsole.transcript.TranscriptSegment;
import dev.voiceconsole.transcript.TranscriptWord;
import dev.voiceconsole.ui.common.ShownWords;
import dev.voiceconsole.ui.common.WordMarks;
import java.util.List;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

/** When the pill shows, and which words it shows: the policy, on plain properties. */
class PillViewModelTest {

    private final SimpleBooleanProperty dictating = new SimpleBooleanProperty();
    private final SimpleStringProperty stable = new SimpleStringProperty("");
    private final ObservableList<TranscriptSegment> finals = FXCollections.observableArrayList();
    private final SimpleObjectProperty<WordMarks> marks = new SimpleObjectProperty<>(new WordMarks(40));
    private final PillViewModel pill = new PillViewModel(
            dictating, new SimpleStringProperty("● Listening 0:01"), new SimpleDoubleProperty(), stable, finals, marks);

    @Test
    void aDictationStartedByAHotkeyShowsThePillUntilItEnds() {
        pill.hotkeyPressed();
        dictating.set(true);
        assertThat(pill.shownProperty().get()).isTrue();
        pill.hotkeyPressed(); // the press that stops it
        dictating.set(false);
        assertThat(pill.shownProperty().get()).isFalse();
    }

    @Test
    void aDictationStartedInTheWindowLeavesThePillAwayEvenAfterAnEarlierHotkeyOne() {
        dictating.set(true);
        assertThat(pill.shownProperty().get()).isFalse();
        dictating.set(false);
        pill.hotkeyPressed();
        dictating.set(true);
        dictating.set(false);
        dictating.set(true); // started from the window this time
        assertThat(pill.shownProperty().get()).isFalse();
    }

    @Test
    void theWordsAreTheSettledOnesAndALongLineKeepsItsEnd() {
        pill.hotkeyPressed();
        dictating.set(true);
        stable.set("alpha bravo");
        assertThat(pill.wordsProperty().get()).isEqualTo("alpha bravo");
        finals.add(new TranscriptSegment(1, 0, 2, " alpha bravo charlie"));
        assertThat(pill.wordsProperty().get()).isEqualTo("alpha bravo charlie");
        String longLine = "one two three four five six seven eight nine ten eleven twelve";
        finals.add(new TranscriptSegment(2, 2, 6, longLine));
        assertThat(pill.wordsProperty().get())
                .hasSizeLessThanOrEqualTo(PillViewModel.WORDS_SHOWN)
                .startsWith("…")
                .endsWith("eleven twelve");
        dictating.set(false);
        pill.hotkeyPressed();
        dictating.set(true);
        assertThat(pill.wordsProperty().get())
                .as("a new dictation starts empty")
                .isEmpty();
    }

    @Test
    void aFinalsWordsReachThePillWholeAndWithTheirProbabilities() {
        pill.hotkeyPressed();
        dictating.set(true);
        stable.set("one two");
        assertThat(pill.shownWordsProperty().get().words())
                .as("a partial's stable text has no words yet")
                .isEmpty();
        List<TranscriptWord> words = new java.util.ArrayList<>();
        String[] said = "one two three four five six seven eight nine ten eleven twelve".split(" ");
        for (int i = 0; i < said.length; i++) {
            words.add(new TranscriptWord(said[i], i * 0.5, i * 0.5 + 0.4, i == said.length - 2 ? 0.2f : 0.95f));
        }
        finals.add(new TranscriptSegment(1, 0, 6, String.join(" ", said), words));

        ShownWords shown = pill.shownWordsProperty().get();
        assertThat(shown.cutFront()).isTrue();
        assertThat(shown.words())
                .isEqualTo(words.subList(words.size() - shown.words().size(), words.size()));
        assertThat(pill.wordsProperty().get())
                .as("whole words: the cut falls between two")
                .isEqualTo("…"
                        + String.join(
                                " ",
                                java.util.Arrays.copyOfRange(
                                        said, said.length - shown.words().size(), said.length)))
                .hasSizeLessThanOrEqualTo(PillViewModel.WORDS_SHOWN)
                .endsWith("eleven twelve");
        assertThat(shown.words())
                .filteredOn(marks.get()::low)
                .extracting(TranscriptWord::text)
                .containsExactly("eleven");
        assertThat(pill.marksProperty().getValue()).isEqualTo(new WordMarks(40));
    }
}
