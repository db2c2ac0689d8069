package dev.voiceconsole.ui.common;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The platform's file dialogs. */
public final class FxFilePicker implements FilePicker {

    @Override
    public Optional<Path> chooseModel(Window owner, Path folder) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Choose a Whisper model file");
        // Without it GTK opens on "Recent", where a downloaded model never is.
        if (Files.isDirectory(folder)) {
            chooser.setInitialDirectory(folder.toFile());
        }
        chooser.getExtensionFilters()
                .addAll(
                        new FileChooser.ExtensionFilter("Whisper ggml models (*.bin)", "*.bin"),
                        new FileChooser.ExtensionFilter("All files", "*"));
        return path(chooser.showOpenDialog(owner));
    }

    @Override
    public Optional<Path> chooseTranscriptTarget(Window owner, String suggestedName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save transcript");
        chooser.setInitialFileName(suggestedName);
        // The user's documents rather than wherever the app was started from.
        Path documents = Path.of(System.getProperty("user.home"), "Documents");
        Path home = Path.of(System.getProperty("user.home"));
        chooser.setInitialDirectory((Files.isDirectory(documents) ? documents : home).toFile());
        chooser.getExtensionFilters()
                .addAll(
                        new FileChooser.ExtensionFilter("Text (*.txt)", "*.txt"),
                        new FileChooser.ExtensionFilter("SubRip subtitles (*.srt)", "*.srt"),
                        new FileChooser.ExtensionFilter("WebVTT subtitles (*.vtt)", "*.vtt"),
                        new FileChooser.ExtensionFilter("JSON (*.json)", "*.json"));
        return path(chooser.showSaveDialog(owner));
    }

    @Override
    public Optional<Path> chooseCsvTarget(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export latency samples");
        chooser.setInitialFileName("latency.csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV (*.csv)", "*.csv"));
        return path(chooser.showSaveDialog(owner));
    }

    @Override
    public Optional<Path> chooseRecording(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Transcribe a recording");
        chooser.getExtensionFilters()
                .addAll(
                        new FileChooser.ExtensionFilter("WAV recordings (*.wav)", "*.wav", "*.WAV"),
                        new FileChooser.ExtensionFilter("All files", "*"));
        return path(chooser.showOpenDialog(owner));
    }

    private static Optional<Path> path(File file) {
        return Optional.ofNullable(file).map(File::toPath);
    }
}
