package dev.voiceconsole.ui.pill;

import dev.voiceconsole.transcript.TranscriptSegment;
import dev.voiceconsole.ui.common.ShownWords;
import dev.voiceconsole.ui.common.WordMarks;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.DoubleExpression;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The floating dictation pill: state, level and the words as they settle, for someone dictating into another
 * application who cannot see the console. It shows for a dictation started by a global hotkey (started in the
 * console's own window, the window shows all of it) and goes when that dictation ends. A final's words are marked
 * as the console's transcript marks them. UI thread.
 */
public final class PillViewModel {

    /** About one line of the pill; older words scroll off the front. */
    static final int WORDS_SHOWN = 48;

    private final ObservableBooleanValue dictating;
    private final ObservableStringValue state;
    private final DoubleExpression level;
    private final ReadOnlyBooleanWrapper shown = new ReadOnlyBooleanWrapper(false);
    private final ObservableValue<WordMarks> marks;
    private final ReadOnlyObjectWrapper<ShownWords> shownWords = new ReadOnlyObjectWrapper<>(ShownWords.NONE);
    private final ReadOnlyStringWrapper words = new ReadOnlyStringWrapper("");
    private boolean fromHotkey;

    /**
     * @param level      the capture level, 0 (silence) .. 1 (full scale)
     * @param stableText the words of the current utterance that will not change any more
     * @param finals     the transcript's final segments
     * @param marks      which words to mark as unsure (the transcript's)
     */
    public PillViewModel(
            ObservableBooleanValue dictating,
            ObservableStringValue state,
            DoubleExpression level,
            ObservableStringValue stableText,
            ObservableList<TranscriptSegment> finals,
            ObservableValue<WordMarks> marks) {
        this.dictating = dictating;
        this.state = state;
        this.level = level;
        this.marks = marks;
        words.bind(Bindings.createStringBinding(() -> shownWords.get().asText(), shownWords));
        dictating.addListener((o, was, now) -> {
            if (now && fromHotkey) {
                shownWords.set(ShownWords.NONE);
                shown.set(true);
            } else if (!now) {
                fromHotkey = false;
                shown.set(false);
            }
        });
        stableText.addListener((o, was, now) -> {
            if (now != null && !now.isBlank()) {
                showWords(ShownWords.plain(now));
            }
        });
        finals.addListener((ListChangeListener<TranscriptSegment>) c -> {
            while (c.next()) {
                if (c.wasAdded() && !c.getAddedSubList().isEmpty()) {
                    showWords(ShownWords.of(
                            c.getAddedSubList().get(c.getAddedSubList().size() - 1)));
                }
            }
        });
    }

    /** A global hotkey is about to start (or stop) dictation: the dictation it starts shows the pill. */
    public void hotkeyPressed() {
        if (!dictating.get()) {
            fromHotkey = true;
        }
    }

    private void showWords(ShownWords latest) {
        shownWords.set(latest.lastChars(WORDS_SHOWN));
    }

    public ReadOnlyBooleanProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** "● Listening 0:07". */
    public ObservableStringValue stateProperty() {
        return state;
    }

    /** 0 (silence) .. 1 (full scale). */
    public DoubleExpression levelProperty() {
        return level;
    }

    /** The latest settled words, at most {@value #WORDS_SHOWN} characters; empty until the first. */
    public ReadOnlyStringProperty wordsProperty() {
        return words.getReadOnlyProperty();
    }

    /** The same words, each with its time and probability where the latest final has them. */
    public ReadOnlyObjectProperty<ShownWords> shownWordsProperty() {
        return shownWords.getReadOnlyProperty();
    }

    /** Which of the words to mark as unsure. */
    public ObservableValue<WordMarks> marksProperty() {
        return marks;
    }
}
