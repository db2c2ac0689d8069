package dev.voiceconsole.desktop;

/** A hotkey written in a way this app cannot read; the message says what is wrong and how it should look. */
public final class InvalidHotkeyException extends IllegalArgumentException {

    public InvalidHotkeyException(String text, String problem) {
        super("'" + text + "' is not a hotkey: " + problem + " (write it like Ctrl+Alt+Space or F9)");
    }
}
