package dev.voiceconsole.journal;

import dev.voiceconsole.userdirs.UserDirectories;
import java.nio.file.Path;
import java.util.Map;

/** {@code $XDG_DATA_HOME/voice-console/journal.db}, or {@code ~/.local/share/voice-console/journal.db}. */
public final class JournalLocation {

    private JournalLocation() {}

    public static Path forUser(Map<String, String> env, String userHome) {
        return UserDirectories.forUser(env, userHome).data().resolve("journal.db");
    }

    public static Path forCurrentUser() {
        return forUser(System.getenv(), System.getProperty("user.home"));
    }
}
