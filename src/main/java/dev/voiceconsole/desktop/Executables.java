package dev.voiceconsole.desktop;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Finds a program on the PATH of a given environment (not necessarily this process's). */
final class Executables {

    private final String path;

    Executables(Map<String, String> env) {
        this.path = env.getOrDefault("PATH", "");
    }

    Optional<Path> find(String name) {
        for (String dir : path.split(File.pathSeparator, -1)) {
            if (dir.isBlank()) {
                continue;
            }
            try {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate.toAbsolutePath());
                }
            } catch (InvalidPathException e) {
                // a malformed PATH entry cannot hold the tool
            }
        }
        return Optional.empty();
    }
}
