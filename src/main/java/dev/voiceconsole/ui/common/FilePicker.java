package dev.voiceconsole.ui.common;

import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.Window;

/** The file dialogs the console opens; tests supply answers instead of a native dialog. */
public interface FilePicker {

    /** A model file, the dialog opening in {@code folder} (the models folder) when it exists. */
    Optional<Path> chooseModel(Window owner, Path folder);

    /** Where to save the transcript; the chosen file's extension picks the format. */
    Optional<Path> chooseTranscriptTarget(Window owner);

    Optional<Path> chooseCsvTarget(Window owner);

    /** A recording to transcribe. */
    Optional<Path> chooseRecording(Window owner);
}
