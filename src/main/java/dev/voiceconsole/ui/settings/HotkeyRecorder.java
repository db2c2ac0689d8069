package dev.voiceconsole.ui.settings;

import dev.voiceconsole.desktop.HotkeySpec;
import java.util.Optional;
import java.util.StringJoiner;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * A hotkey field that records: click it, press the keys, and the combination is the setting. Esc cancels, Clear
 * removes the hotkey; what the combination collides with shows beneath it as it is recorded.
 */
final class HotkeyRecorder extends VBox {

    private final ToggleButton keys = new ToggleButton();
    private final Label prompt = new Label();

    HotkeyRecorder(String id, StringProperty value, ObservableStringValue conflict) {
        keys.setId(id);
        keys.getStyleClass().add("hotkey-recorder");
        keys.setMinWidth(220);
        keys.textProperty()
                .bind(Bindings.when(keys.selectedProperty())
                        .then(prompt.textProperty())
                        .otherwise(Bindings.when(value.isEmpty()).then("None").otherwise(value)));
        keys.selectedProperty().addListener((obs, was, recording) -> prompt.setText("Press the keys… (Esc cancels)"));
        // A filter, so the keys reach the recorder before any other handler of the window can act on them.
        keys.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (!keys.isSelected()) {
                return;
            }
            e.consume();
            if (e.getCode() == KeyCode.ESCAPE) {
                keys.setSelected(false);
                return;
            }
            if (e.getCode().isModifierKey()) {
                prompt.setText(held(e.isControlDown(), e.isAltDown(), e.isShiftDown(), e.isMetaDown()) + "+…");
                return;
            }
            Optional<String> chord =
                    chord(e.getCode(), e.isControlDown(), e.isAltDown(), e.isShiftDown(), e.isMetaDown());
            if (chord.isPresent()) {
                value.set(chord.get());
                keys.setSelected(false);
            } else {
                prompt.setText(e.getCode().getName() + " cannot be a global hotkey; press other keys (Esc cancels)");
            }
        });
        keys.focusedProperty().addListener((obs, was, focused) -> {
            if (!focused) {
                keys.setSelected(false);
            }
        });
        Button clear = new Button("Clear");
        clear.setId(id + "Clear");
        clear.disableProperty().bind(value.isEmpty());
        clear.setOnAction(e -> value.set(""));

        Label warning = new Label();
        warning.setId(id + "Conflict");
        warning.getStyleClass().add("warning-text");
        warning.setWrapText(true);
        warning.textProperty().bind(conflict);
        warning.visibleProperty().bind(warning.textProperty().isNotEmpty());
        warning.managedProperty().bind(warning.visibleProperty());
        setSpacing(4);
        getChildren().addAll(new HBox(6, keys, clear), warning);
    }

    /** The canonical hotkey for a key pressed with these modifiers ("Ctrl+Alt+H"); empty for a key hotkeys lack. */
    static Optional<String> chord(KeyCode code, boolean ctrl, boolean alt, boolean shift, boolean meta) {
        String held = held(ctrl, alt, shift, meta);
        // JavaFX names keys "Page Up", "Back Space", "1"; the hotkey names are the same words run together.
        String key = code.getName().replace(" ", "");
        try {
            return Optional.of(
                    HotkeySpec.parse(held.isEmpty() ? key : held + "+" + key).toString());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String held(boolean ctrl, boolean alt, boolean shift, boolean meta) {
        StringJoiner held = new StringJoiner("+");
        if (ctrl) {
            held.add("Ctrl");
        }
        if (alt) {
            held.add("Alt");
        }
        if (shift) {
            held.add("Shift");
        }
        if (meta) {
            held.add("Meta");
        }
        return held.toString();
    }
}
