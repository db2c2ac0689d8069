package dev.voiceconsole.settings;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.voiceconsole.userdirs.UserDirectories;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link UiSettings} as JSON in {@code $XDG_CONFIG_HOME/voice-console/settings.json} (or
 * {@code ~/.config/voice-console/settings.json}). A missing file means first run; an unreadable or invalid one
 * is reported and replaced by defaults rather than keeping the window from opening.
 */
public final class SettingsStore {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);

    /** What loading found: the settings to use and, when the file could not be used, why. */
    public record Loaded(UiSettings settings, String problem) {}

    private final Path file;
    private final ObjectMapper json = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES); // files written by newer versions still load

    public SettingsStore(Path file) {
        this.file = file;
    }

    public static SettingsStore forUser(Map<String, String> env, String userHome) {
        return new SettingsStore(UserDirectories.forUser(env, userHome).config().resolve("settings.json"));
    }

    public static SettingsStore forCurrentUser() {
        return forUser(System.getenv(), System.getProperty("user.home"));
    }

    public Path file() {
        return file;
    }

    public Loaded load() {
        if (!Files.exists(file)) {
            return new Loaded(UiSettings.defaults(), null);
        }
        try {
            return new Loaded(json.readValue(file.toFile(), UiSettings.class), null);
        } catch (IOException e) {
            String reason = rootMessage(e);
            LOG.warn("settings file {} not used: {}", file, reason);
            return new Loaded(
                    UiSettings.defaults(),
                    "Settings file " + file + " could not be used (" + reason
                            + "); defaults are in effect until you save.");
        }
    }

    /** Writes atomically, so a crash mid-write never leaves a half file behind. */
    public void save(UiSettings settings) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        json.writeValue(tmp.toFile(), settings);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof InvalidSettingsException) {
            return cause.getMessage();
        }
        String message = t.getMessage();
        int newline = message == null ? -1 : message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline) : String.valueOf(message);
    }
}
