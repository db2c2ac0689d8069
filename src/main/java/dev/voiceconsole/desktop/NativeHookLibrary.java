package dev.voiceconsole.desktop;

import dev.voiceconsole.userdirs.UserDirectories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where jnativehook unpacks its native library. Left alone it writes next to its jar — in an installed app that is
 * /opt/voice-console, which users cannot write and a package removal must find as it left it — and it does so the
 * first time any of its classes is initialized (parsing a hotkey is enough), so this runs before anything else.
 */
public final class NativeHookLibrary {

    static final String PROPERTY = "jnativehook.lib.path";

    private NativeHookLibrary() {}

    /** {@code $XDG_CACHE_HOME/voice-console/native} (else {@code ~/.cache/…}) unless the property is already set. */
    public static void unpackIntoUserCache() {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        Path dir = UserDirectories.forCurrentUser().cache().resolve("native");
        try {
            Files.createDirectories(dir);
            System.setProperty(PROPERTY, dir.toString());
        } catch (IOException e) {
            // The temporary directory then: anything but the installation directory.
            System.setProperty(PROPERTY, System.getProperty("java.io.tmpdir"));
        }
    }
}
