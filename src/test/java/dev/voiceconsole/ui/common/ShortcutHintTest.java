package dev.voiceconsole.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShortcutHintTest {

    @Test
    void theGlobalHotkeyIsNamedOnlyWhileItWorks() {
        assertThat(ShortcutHint.startStop("Ctrl+Alt+Space", true))
                .isEqualTo("F9 or Ctrl+Space in this window; Ctrl+Alt+Space from any application");
        assertThat(ShortcutHint.startStop("Ctrl+Alt+Space", false)).isEqualTo("F9 or Ctrl+Space in this window");
        assertThat(ShortcutHint.startStop("", true)).isEqualTo("F9 or Ctrl+Space in this window");
    }
}
