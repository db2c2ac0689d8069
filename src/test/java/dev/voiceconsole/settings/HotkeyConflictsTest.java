package dev.voiceconsole.settings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HotkeyConflictsTest {

    @Test
    void aKeyThatTypesSomethingWarnsUnlessCtrlAltOrMetaIsHeld() {
        assertThat(HotkeyConflicts.of("Shift+A", "toggle hotkey", ""))
                .contains("Shift+A without Ctrl, Alt or Meta would fire while you type.");
        assertThat(HotkeyConflicts.of("space", "toggle hotkey", ""))
                .contains("Space without Ctrl, Alt or Meta would fire while you type.");
        assertThat(HotkeyConflicts.of("Alt+A", "toggle hotkey", "")).isEmpty();
        assertThat(HotkeyConflicts.of("F8", "toggle hotkey", ""))
                .as("a function key types nothing")
                .isEmpty();
    }

    @Test
    void theOtherHotkeyIsComparedAsKeysNotAsText() {
        assertThat(HotkeyConflicts.of("alt + ctrl + h", "push-to-talk hotkey", "Ctrl+Alt+H"))
                .contains("Ctrl+Alt+H is also the push-to-talk hotkey; give each its own keys.");
    }

    @Test
    void noHotkeyCollidesWithNothingAndAnUnreadableOneSaysWhy() {
        assertThat(HotkeyConflicts.of("", "toggle hotkey", "Ctrl+Alt+H")).isEmpty();
        assertThat(HotkeyConflicts.of("Ctrl+Alt", "toggle hotkey", ""))
                .contains("'Ctrl+Alt' is not a hotkey: it has only modifiers; add one key such as Space or F9 "
                        + "(write it like Ctrl+Alt+Space or F9)");
    }
}
