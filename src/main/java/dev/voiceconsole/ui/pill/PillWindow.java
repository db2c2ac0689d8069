package dev.voiceconsole.ui.pill;

import dev.voiceconsole.ui.common.WordFlow;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.text.TextFlow;
import javafx.stage.Popup;
import javafx.stage.Screen;
import javafx.stage.Window;

/**
 * The pill itself: a small rounded bar at the bottom centre of the screen, "● Listening 0:07", the level, and the
 * latest words (marked as the transcript marks them; a long line wraps rather than losing its newest words to an
 * ellipsis). A popup rather than a stage: a popup never takes the keyboard focus, so the application being
 * dictated into keeps it, and it stays above the console's owner window.
 */
public final class PillWindow {

    private static final double WIDTH = 460;
    private static final double FROM_BOTTOM = 72;

    private final Popup popup = new Popup();
    private final Window owner;
    private final TextFlow words = new TextFlow();
    private final PillViewModel vm;

    public PillWindow(PillViewModel vm, Window owner) {
        this.owner = owner;
        this.vm = vm;
        Label state = new Label();
        state.setId("pillState");
        state.getStyleClass().add("pill-state");
        state.textProperty().bind(vm.stateProperty());
        state.setMinWidth(Label.USE_PREF_SIZE);
        ProgressBar level = new ProgressBar();
        level.setId("pillLevel");
        level.setPrefWidth(60);
        level.progressProperty().bind(vm.levelProperty());
        words.setId("pillWords");
        words.getStyleClass().add("pill-words");
        words.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(words, Priority.ALWAYS);
        vm.shownWordsProperty().addListener((o, was, now) -> drawWords());
        vm.marksProperty().addListener((o, was, now) -> drawWords());
        drawWords();

        HBox pill = new HBox(10, state, level, words);
        pill.setId("dictationPill");
        pill.getStyleClass().add("dictation-pill");
        pill.setAlignment(Pos.CENTER_LEFT);
        pill.setPadding(new Insets(8, 16, 8, 14));
        pill.setPrefWidth(WIDTH);
        pill.getStylesheets().add(PillWindow.class.getResource("pill.css").toExternalForm());
        popup.getContent().add(pill);
        popup.setAutoHide(false);
        popup.setHideOnEscape(false);
        popup.setAutoFix(true);

        vm.shownProperty().addListener((o, was, now) -> {
            if (now) {
                show();
            } else {
                popup.hide();
            }
        });
    }

    private void drawWords() {
        words.getChildren()
                .setAll(WordFlow.texts(
                        vm.shownWordsProperty().get(), vm.marksProperty().getValue(), "pill-text"));
    }

    private void show() {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        popup.show(owner, screen.getMinX() + (screen.getWidth() - WIDTH) / 2, screen.getMaxY() - FROM_BOTTOM);
    }

    /** The words the pill shows now. */
    public javafx.beans.value.ObservableStringValue wordsShown() {
        return vm.wordsProperty();
    }

    /** The pill's content (tests look at the word nodes in it). */
    javafx.scene.Parent content() {
        return (javafx.scene.Parent) popup.getContent().get(0);
    }

    /** Whether the pill is on screen. */
    public javafx.beans.property.ReadOnlyBooleanProperty showingProperty() {
        return popup.showingProperty();
    }
}
