package dev.voiceconsole.ui.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Saves and exports the user asked for: the text is rendered on the FX thread from what the window shows, then
 * written off it, one file at a time and in order; a failure reaches the error line.
 */
public final class BackgroundFiles implements AutoCloseable {

    private final ExecutorService lane;
    private final UiExecutor ui;
    private final Consumer<String> errors;

    public BackgroundFiles(BackgroundTasks tasks, UiExecutor ui, Consumer<String> errors) {
        this.lane = tasks.lane("console-files");
        this.ui = ui;
        this.errors = errors;
    }

    /** Writes {@code content} to {@code target}; a failure is shown as {@code failure + ": " + reason}. */
    public void write(Path target, String content, String failure) {
        lane.execute(() -> {
            try {
                // Whole or not at all: a file that is there is complete, also for whoever watches for it.
                Path part = target.resolveSibling(target.getFileName() + ".part");
                Files.writeString(part, content, StandardCharsets.UTF_8);
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                String reason = e.getMessage();
                ui.execute(() -> errors.accept(failure + ": " + reason));
            }
        });
    }

    /** A save refused before it started (a name, a format): the same error line as a failed write. */
    public void report(String message) {
        ui.execute(() -> errors.accept(message));
    }

    /** Lets a save the user asked for land before exit (bounded: a hung disk does not hold the window open). */
    @Override
    public void close() {
        lane.shutdown();
        try {
            lane.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
