package dev.voiceconsole.journal;

import java.nio.file.Path;
import java.util.Map;

/** {@code $XDG_DATA_HOME/voice-console/journal.db}, or {@code ~/.local/share/voice-console/journal.db}. */
public final class JournalLocation {

    private JournalLocation() {
    }

    public static Path forUser(Map<String, String> env, String userHome) {
        String dataHome = env.get("XDG_DATA_HOME");
        Path base = dataHome != null && !dataHome.isBlank() ? Path.of(dataHome) : Path.of(userHome, ".local", "share");
        return base.resolve("voice-console").resolve("journal.db");
    }

    public static Path forCurrentUser() {
        return forUser(System.getenv(), System.getProperty("user.home"));
    }
}
