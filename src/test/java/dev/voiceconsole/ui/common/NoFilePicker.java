package dev.voiceconsole.ui.common;

import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.Window;

/** For tests that open no file dialog: every choice is cancelled. */
public final class NoFilePicker implements FilePicker {
    @Override
    public Optional<Path> chooseModel(Window owner, Path folder) {
        return Optional.empty();
    }

    @Override
    public Optional<Path> chooseTranscriptTarget(Window owner, String suggestedName) {
        return Optional.empty();
    }

    @Override
    public Optional<Path> chooseCsvTarget(Window owner) {
        return Optional.empty();
    }

    @Override
    public Optional<Path> chooseRecording(Window owner) {
        return Optional.empty();
    }
}
