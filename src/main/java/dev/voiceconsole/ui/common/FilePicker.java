package dev.voiceconsole.ui.common;

import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.Window;

/** The file dialogs the console opens; tests supply answers instead of a native dialog. */
public interface FilePicker {

    /** A model file, the dialog opening in {@code folder} (the models folder) when it exists. */
    Optional<Path> chooseModel(Window owner, Path folder);

    /**
     * Where to save a transcript, the dialog suggesting {@code suggestedName}; the chosen file's extension picks the
     * format.
     */
    Optional<Path> chooseTranscriptTarget(Window owner, String suggestedName);

    Optional<Path> chooseCsvTarget(Window owner);

    /** A recording to transcribe. */
    Optional<Path> chooseRecording(Window owner);
}
