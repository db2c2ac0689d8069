package dev.voiceconsole.ui.common;

import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/** Puts plain text on the system clipboard: every Copy button of the console does it this one way. */
public final class SystemClipboard {

    private SystemClipboard() {}

    /** FX thread. */
    public static void putText(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
