package dev.voiceconsole.ui.pill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceconsole.transcript.TranscriptSegment;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

/** When the pill shows, and which words it shows: the policy, on plain properties. */
class PillViewModelTest {

    private final SimpleBooleanProperty dictating = new SimpleBooleanProperty();
    private final SimpleStringProperty stable = new SimpleStringProperty("");
    private final ObservableList<TranscriptSegment> finals = FXCollections.observableArrayList();
    private final PillViewModel pill = new PillViewModel(
            dictating, new SimpleStringProperty("● Listening 0:01"), new SimpleDoubleProperty(), stable, finals);

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
}
