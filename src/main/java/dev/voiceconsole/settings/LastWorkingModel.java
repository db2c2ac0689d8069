package dev.voiceconsole.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last model a worker started with, kept beside the settings so that when a newly chosen model fails to load
 * (a truncated download, the wrong file) the console can offer the one that worked, even after a restart. It is
 * the app's memory, not a setting the user edits, hence a file of its own.
 */
public final class LastWorkingModel {

    private static final Logger LOG = LoggerFactory.getLogger(LastWorkingModel.class);

    private final Path file;

    public LastWorkingModel(Path file) {
        this.file = file;
    }

    /** Next to {@code settings}' file. */
    public static LastWorkingModel besides(SettingsStore settings) {
        return new LastWorkingModel(settings.file().resolveSibling("last-working-model"));
    }

    /** The model, if one worked and its file is still there. Blocking I/O. */
    public Optional<Path> get() {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String path = Files.readString(file, StandardCharsets.UTF_8).strip();
            return path.isEmpty() || !Files.isRegularFile(Path.of(path))
                    ? Optional.empty()
                    : Optional.of(Path.of(path));
        } catch (IOException | RuntimeException e) {
            LOG.warn("the last working model could not be read from {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** Blocking I/O; a failure only costs the offer to go back, so it is logged, not raised. */
    public void remember(Path model) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, model.toAbsolutePath() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("the last working model could not be saved to {}: {}", file, e.getMessage());
        }
    }
}
