package dev.voiceconsole.userdirs;

import java.nio.file.Path;
import java.util.Map;

/**
 * The app's folders in the user's home, after the XDG base-directory convention: {@code $XDG_DATA_HOME},
 * {@code $XDG_CONFIG_HOME} and {@code $XDG_CACHE_HOME} when set, else {@code ~/.local/share}, {@code ~/.config} and
 * {@code ~/.cache}; each with a {@code voice-console} folder of its own.
 */
public record UserDirectories(Path data, Path config, Path cache) {

    private static final String APP = "voice-console";

    public static UserDirectories forUser(Map<String, String> env, String userHome) {
        return new UserDirectories(
                base(env, "XDG_DATA_HOME", Path.of(userHome, ".local", "share")),
                base(env, "XDG_CONFIG_HOME", Path.of(userHome, ".config")),
                base(env, "XDG_CACHE_HOME", Path.of(userHome, ".cache")));
    }

    public static UserDirectories forCurrentUser() {
        return forUser(System.getenv(), System.getProperty("user.home"));
    }

    private static Path base(Map<String, String> env, String variable, Path fallback) {
        String value = env.get(variable);
        return (value != null && !value.isBlank() ? Path.of(value) : fallback).resolve(APP);
    }
}
