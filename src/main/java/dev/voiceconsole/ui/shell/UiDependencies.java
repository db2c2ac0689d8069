package dev.voiceconsole.ui.shell;

import dev.voiceconsole.capture.source.AudioSourceFactory;
import dev.voiceconsole.client.WorkerProvider;
import dev.voiceconsole.settings.SettingsStore;
import dev.voiceconsole.settings.UserData;
import dev.voiceconsole.ui.common.FilePicker;
import dev.voiceconsole.ui.common.FxFilePicker;

/**
 * What the console needs from outside: the composition root passes production parts, tests pass their own.
 *
 * @param data               where the user's models and journal live
 * @param desktopIntegration listen to global hotkeys and send text to other applications (off in window tests, so
 *                           they never hook the keyboard of the desktop they run on)
 */
public record UiDependencies(
        WorkerProvider workers,
        AudioSourceFactory audioSources,
        SettingsStore settings,
        FilePicker files,
        UserData data,
        boolean desktopIntegration) {

    /** Production dialogs, the user's settings file, global hotkeys and text output. */
    public static UiDependencies of(WorkerProvider workers, AudioSourceFactory audioSources) {
        return new UiDependencies(
                workers,
                audioSources,
                SettingsStore.forCurrentUser(),
                new FxFilePicker(),
                UserData.forCurrentUser(),
                true);
    }
}
