package dev.voiceconsole.ui.common;

import dev.voiceconsole.settings.HotkeyConflicts;

/**
 * The one sentence on how to start and stop dictation by keyboard, shown by the button's tooltip, the transcript's
 * placeholder and Settings alike, so all three tell the same story: the window's shortcuts always, the global hotkey
 * only while the desktop lets it work.
 */
public final class ShortcutHint {

    private ShortcutHint() {}

    /** "F9 or Ctrl+Space in this window; Ctrl+Alt+Space from any application". */
    public static String startStop(String globalToggle, boolean globalWorks) {
        String window = String.join(" or ", HotkeyConflicts.WINDOW_SHORTCUTS) + " in this window";
        return globalWorks && globalToggle != null && !globalToggle.isBlank()
                ? window + "; " + globalToggle + " from any application"
                : window;
    }
}
