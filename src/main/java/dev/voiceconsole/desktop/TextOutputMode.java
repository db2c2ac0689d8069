package dev.voiceconsole.desktop;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Where committed text goes besides the console: nowhere, typed as keystrokes, or pasted through the clipboard. */
public enum TextOutputMode {
    CONSOLE("console"),
    TYPE("type"),
    PASTE("paste");

    /** The settings' words, in this order. */
    public static final List<String> SETTING_VALUES =
            Arrays.stream(values()).map(TextOutputMode::setting).toList();

    private final String setting;

    TextOutputMode(String setting) {
        this.setting = setting;
    }

    /** The word stored in the settings file: "console", "type" or "paste". */
    public String setting() {
        return setting;
    }

    /**
     * The mode a settings-file word names, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException naming the accepted words
     */
    public static TextOutputMode fromSetting(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(m -> m.setting.equals(v))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("must be console, type or paste, was '" + value + "'"));
    }
}
