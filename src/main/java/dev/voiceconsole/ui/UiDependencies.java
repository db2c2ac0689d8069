package dev.voiceconsole.ui;

import dev.voiceconsole.journal.JournalLocation;

import java.nio.file.Path;
import java.util.Optional;

/** What the console needs from outside: the composition root passes production parts, tests pass their own. */
public record UiDependencies(WorkerProvider workers, AudioSourceFactory audioSources, SettingsStore settings,
                             FilePicker files, Optional<Path> journal) {

    /** Production dialogs and the user's settings file. */
    public static UiDependencies of(WorkerProvider workers, AudioSourceFactory audioSources) {
        return new UiDependencies(workers, audioSources, SettingsStore.forCurrentUser(), new FxFilePicker(),
                Optional.of(JournalLocation.forCurrentUser()));
    }
}
