package dev.voiceconsole.models;

import dev.voiceconsole.userdirs.UserDirectories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the user's models live: {@code $XDG_DATA_HOME/voice-console/models}, or
 * {@code ~/.local/share/voice-console/models} when that variable is unset. A bare model name such as
 * {@code tiny.en} or {@code ggml-tiny.en.bin} is looked up there.
 */
public record ModelDirectory(Path path) {

    public static ModelDirectory forUser(Map<String, String> env, String userHome) {
        return new ModelDirectory(UserDirectories.forUser(env, userHome).data().resolve("models"));
    }

    public static ModelDirectory forCurrentUser() {
        return forUser(System.getenv(), System.getProperty("user.home"));
    }

    /** The file a user means by {@code nameOrPath}: the path itself if it exists, else a model of that name here. */
    public Optional<Path> resolve(String nameOrPath) {
        Path given = Path.of(nameOrPath);
        if (Files.exists(given) || given.getNameCount() > 1) {
            return Files.exists(given) ? Optional.of(given) : Optional.empty();
        }
        for (String candidate : new String[] {nameOrPath, "ggml-" + nameOrPath + ".bin", nameOrPath + ".bin"}) {
            Path file = path.resolve(candidate);
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }
}
