package dev.voiceconsole.ui.pill;

import dev.voiceconsole.transcript.TranscriptSegment;
import javafx.beans.binding.DoubleExpression;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The floating dictation pill: state, level and the words as they settle, for someone dictating into another
 * application who cannot see the console. It shows for a dictation started by a global hotkey (started in the
 * console's own window, the window shows all of it) and goes when that dictation ends. UI thread.
 */
public final class PillViewModel {

    /** About one line of the pill; older words scroll off the front. */
    static final int WORDS_SHOWN = 48;

    private final ObservableBooleanValue dictating;
    private final ObservableStringValue state;
    private final DoubleExpression level;
    private final ReadOnlyBooleanWrapper shown = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper words = new ReadOnlyStringWrapper("");
    private boolean fromHotkey;

    /**
     * @param level      the capture level, 0 (silence) .. 1 (full scale)
     * @param stableText the words of the current utterance that will not change any more
     * @param finals     the transcript's final segments
     */
    public PillViewModel(
            ObservableBooleanValue dictating,
            ObservableStringValue state,
            DoubleExpression level,
            ObservableStringValue stableText,
            ObservableList<TranscriptSegment> finals) {
        this.dictating = dictating;
        this.state = state;
        this.level = level;
        dictating.addListener((o, was, now) -> {
            if (now && fromHotkey) {
                words.set("");
                shown.set(true);
            } else if (!now) {
                fromHotkey = false;
                shown.set(false);
            }
        });
        stableText.addListener((o, was, now) -> {
            if (now != null && !now.isBlank()) {
                showWords(now);
            }
        });
        finals.addListener((ListChangeListener<TranscriptSegment>) c -> {
            while (c.next()) {
                if (c.wasAdded() && !c.getAddedSubList().isEmpty()) {
                    showWords(c.getAddedSubList()
                            .get(c.getAddedSubList().size() - 1)
                            .text());
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

    private void showWords(String text) {
        String t = text.strip();
        words.set(
                t.length() <= WORDS_SHOWN
                        ? t
                        : "…" + t.substring(t.length() - WORDS_SHOWN + 1).stripLeading());
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
}
