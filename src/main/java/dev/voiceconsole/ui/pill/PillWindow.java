package dev.voiceconsole.ui.pill;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.stage.Popup;
import javafx.stage.Screen;
import javafx.stage.Window;

/**
 * The pill itself: a small rounded bar at the bottom centre of the screen, "● Listening 0:07", the level, and the
 * latest words. A popup rather than a stage: a popup never takes the keyboard focus, so the application being
 * dictated into keeps it, and it stays above the console's owner window.
 */
public final class PillWindow {

    private static final double WIDTH = 460;
    private static final double FROM_BOTTOM = 72;

    private final Popup popup = new Popup();
    private final Window owner;
    private final Label words = new Label();

    public PillWindow(PillViewModel vm, Window owner) {
        this.owner = owner;
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
        words.textProperty().bind(vm.wordsProperty());
        words.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(words, javafx.scene.layout.Priority.ALWAYS);

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

    private void show() {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        popup.show(owner, screen.getMinX() + (screen.getWidth() - WIDTH) / 2, screen.getMaxY() - FROM_BOTTOM);
    }

    /** The words the pill shows now. */
    public javafx.beans.value.ObservableStringValue wordsShown() {
        return words.textProperty();
    }

    /** Whether the pill is on screen. */
    public javafx.beans.property.ReadOnlyBooleanProperty showingProperty() {
        return popup.showingProperty();
    }
}
