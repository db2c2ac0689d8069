package dev.voiceconsole.settings;

import dev.voiceconsole.journal.JournalLocation;
import dev.voiceconsole.models.ModelCatalog;
import dev.voiceconsole.models.ModelDirectory;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the console keeps the user's data.
 *
 * @param models      the model directory
 * @param journal     the journal file; empty keeps no journal
 * @param catalog the models offered for download, and from where
 */
public record UserData(Path models, Optional<Path> journal, ModelCatalog catalog) {

    public static final String MIRROR_ENV = "VOICE_CONSOLE_MODEL_MIRROR";

    /**
     * The standard catalog.
     *
     * @param modelMirror a base URL to download models from instead of their publishers ({@code
     *     VOICE_CONSOLE_MODEL_MIRROR})
     */
    public UserData(Path models, Optional<Path> journal, Optional<URI> modelMirror) {
        this(models, journal, ModelCatalog.standard(modelMirror));
    }

    public static UserData forCurrentUser() {
        String mirror = System.getenv(MIRROR_ENV);
        return new UserData(
                ModelDirectory.forCurrentUser().path(),
                Optional.of(JournalLocation.forCurrentUser()),
                mirror == null || mirror.isBlank() ? Optional.empty() : Optional.of(URI.create(mirror.strip())));
    }
}
