package dev.voiceconsole.ui;


/** What the console needs from outside: the composition root passes production parts, tests pass their own. */
public record UiDependencies(WorkerProvider workers, AudioSourceFactory audioSources, SettingsStore settings,
                             FilePicker files, UserData data) {

    /** Production dialogs and the user's settings file. */
    public static UiDependencies of(WorkerProvider workers, AudioSourceFactory audioSources) {
        return new UiDependencies(workers, audioSources, SettingsStore.forCurrentUser(), new FxFilePicker(),
                UserData.forCurrentUser());
    }
}
