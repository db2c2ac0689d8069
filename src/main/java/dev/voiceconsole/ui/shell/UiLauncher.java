package dev.voiceconsole.ui.shell;

import dev.voiceconsole.capture.source.AudioSourceFactory;
import dev.voiceconsole.client.WorkerProvider;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the console from a plain {@code main}: callers need no JavaFX types, and JavaFX on the class path is
 * started through {@link Platform#startup} (the Application launcher refuses Application subclasses there).
 */
public final class UiLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(UiLauncher.class);

    private UiLauncher() {}

    /**
     * Shows the console and blocks until its window is closed.
     *
     * @return 0 after a normal close, 1 when no window could be opened (no display)
     */
    public static int launch(WorkerProvider workers, AudioSourceFactory audioSources) {
        UiDependencies dependencies = UiDependencies.of(workers, audioSources);
        CountDownLatch closed = new CountDownLatch(1);
        try {
            Platform.startup(() -> {
                VoiceConsoleApp app = new VoiceConsoleApp(dependencies);
                Stage stage = new Stage();
                stage.setOnHidden(e -> {
                    try {
                        app.stop();
                    } finally {
                        closed.countDown();
                        Platform.exit();
                    }
                });
                try {
                    app.start(stage);
                } catch (RuntimeException e) {
                    LOG.error("the console window could not be built", e);
                    closed.countDown();
                    Platform.exit();
                }
            });
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            System.err.println("voice-console: cannot open the window (" + e.getMessage() + "). "
                    + "Is a display available? Use 'voice-console --help' for the command line.");
            return 1;
        }
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
