package dev.voiceconsole.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

class HotkeyRecorderTest {

    @Test
    void keysPressedBecomeTheHotkeysCanonicalSpelling() {
        assertThat(HotkeyRecorder.chord(KeyCode.H, true, true, false, false)).contains("Ctrl+Alt+H");
        assertThat(HotkeyRecorder.chord(KeyCode.PAGE_UP, false, false, true, true))
                .contains("Shift+Meta+PageUp");
        assertThat(HotkeyRecorder.chord(KeyCode.DIGIT1, true, false, false, false))
                .contains("Ctrl+1");
        assertThat(HotkeyRecorder.chord(KeyCode.F12, false, false, false, false))
                .contains("F12");
    }

    @Test
    void aKeyTheNativeHookCannotWatchIsNoHotkey() {
        assertThat(HotkeyRecorder.chord(KeyCode.UNDEFINED, true, false, false, false))
                .isEmpty();
    }
}
