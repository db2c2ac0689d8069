package dev.voiceconsole.ui.common;

import dev.voiceconsole.settings.UiSettings;
import java.nio.file.Path;
import javafx.beans.property.ReadOnlyObjectProperty;

/**
 * What a screen may ask of the console as a whole: the worker's state and settings to show, and the few
 * actions that change them. Screens get this, never the console's ViewModel, so they stay apart.
 */
public interface ConsoleControl {

    ReadOnlyObjectProperty<WorkerState> workerStateProperty();

    ReadOnlyObjectProperty<UiSettings> settingsProperty();

    /** Where the settings are saved. */
    Path settingsFile();

    /** Where downloaded models are kept (a model dialog opens there). */
    Path modelsFolder();

    /** Saves these settings and restarts the worker when they change what it runs. */
    void applySettings(UiSettings next);

    void chooseModel(Path file);

    void restartWorker();

    /** Lists the capture devices again, off the UI thread. */
    void refreshMicrophones();

    /** Shows a message in the error line (UI thread). */
    void showError(String message);
}
