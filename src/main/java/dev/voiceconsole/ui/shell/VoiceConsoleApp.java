package dev.voiceconsole.ui.shell;

import dev.voiceconsole.ui.common.BackgroundTasks;
import dev.voiceconsole.ui.common.UiExecutor;
import dev.voiceconsole.ui.pill.PillViewModel;
import dev.voiceconsole.ui.pill.PillWindow;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The desktop console. Built with its dependencies rather than discovered, so the composition root decides which
 * worker and audio source it uses (see {@link UiLauncher}) and tests can hand in their own.
 */
public final class VoiceConsoleApp extends Application {

    private final UiDependencies dependencies;
    /** Every background thread of the window comes from here. */
    private final BackgroundTasks tasks = BackgroundTasks.threads();

    private ConsoleViewModel console;
    private DesktopIntegration desktop;
    private PillWindow pill;

    public VoiceConsoleApp(UiDependencies dependencies) {
        this.dependencies = dependencies;
    }

    @Override
    public void start(Stage stage) {
        console = new ConsoleViewModel(
                dependencies.workers(),
                dependencies.audioSources(),
                dependencies.settings(),
                UiExecutor.fxThread(),
                tasks,
                dependencies.data());
        ConsoleView view = new ConsoleView(console, dependencies.files());
        // The title is what a taskbar or window switcher shows: recording must be visible there too.
        stage.titleProperty()
                .bind(javafx.beans.binding.Bindings.when(console.dictation().dictatingProperty())
                        .then(console.dictation().recordingStateProperty().concat(" — VoiceConsole"))
                        .otherwise("VoiceConsole"));
        stage.setScene(view.createScene());
        stage.setMinWidth(ConsoleView.MIN_WIDTH);
        stage.setMinHeight(ConsoleView.MIN_HEIGHT);
        stage.show();
        console.initialize(); // after show: the window is up before any model loads
        PillViewModel pillState = new PillViewModel(
                console.dictation().dictatingProperty(),
                console.dictation().recordingStateProperty(),
                console.dictation().levelMeterProperty(),
                console.transcript().stableTextProperty(),
                console.transcript().finals(),
                console.transcript().wordMarksProperty());
        pill = new PillWindow(pillState, stage);
        if (dependencies.desktopIntegration()) {
            desktop = DesktopIntegration.start(
                    console,
                    pillState,
                    UiExecutor.fxThread(),
                    tasks,
                    System.getenv(),
                    System.getProperty("os.name", ""));
        }
    }

    /** The floating dictation pill (the desktop harness watches it). */
    public PillWindow pill() {
        return pill;
    }

    /** The window's ViewModel (tests reach the state behind what they see through it). */
    public ConsoleViewModel console() {
        return console;
    }

    @Override
    public void stop() {
        if (desktop != null) {
            desktop.close();
        }
        if (console != null) {
            console.close();
        }
    }
}
