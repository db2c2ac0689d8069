package dev.voiceconsole.ui.shell;

import dev.voiceconsole.desktop.GlobalHotkeys;
import dev.voiceconsole.desktop.HotkeyAvailability;
import dev.voiceconsole.desktop.HotkeyListener;
import dev.voiceconsole.desktop.TextDelivery;
import dev.voiceconsole.desktop.TextOutputChoice;
import dev.voiceconsole.desktop.TextOutputChooser;
import dev.voiceconsole.desktop.TextOutputMode;
import dev.voiceconsole.settings.UiSettings;
import dev.voiceconsole.ui.common.BackgroundTasks;
import dev.voiceconsole.ui.common.UiExecutor;
import dev.voiceconsole.ui.dictation.DictationViewModel;
import dev.voiceconsole.ui.health.HealthWarning;
import dev.voiceconsole.ui.pill.PillViewModel;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.beans.value.ChangeListener;

/**
 * Connects the console to the desktop: global hotkeys start and stop dictation (on the UI thread), and every final
 * segment goes to the chosen text output (in order, off the UI thread). Follows the settings as they change; what
 * the platform refuses is shown on the settings page and in the health panel's warnings, never thrown.
 */
final class DesktopIntegration implements AutoCloseable {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final ConsoleViewModel console;
    private final UiExecutor ui;
    private final GlobalHotkeys hotkeys;
    private final TextOutputChooser outputs;
    private final TextDelivery delivery;
    /** Binding the hook and looking for tools can take a moment; never on the UI thread. */
    private final ExecutorService setup;

    private final ChangeListener<UiSettings> settingsListener = (obs, old, now) -> apply(old, now);
    private volatile boolean closed;

    private DesktopIntegration(
            ConsoleViewModel console,
            PillViewModel pill,
            UiExecutor ui,
            BackgroundTasks tasks,
            Map<String, String> env,
            String osName) {
        this.console = console;
        this.ui = ui;
        this.setup = tasks.lane("desktop-setup");
        DictationViewModel dictation = console.dictation();
        this.hotkeys = new GlobalHotkeys(env, osName, new HotkeyListener() {
            @Override
            public void pushToTalkPressed() {
                ui.execute(() -> {
                    pill.hotkeyPressed();
                    dictation.start();
                });
            }

            @Override
            public void pushToTalkReleased() {
                ui.execute(dictation::stop);
            }

            @Override
            public void togglePressed() {
                ui.execute(() -> {
                    pill.hotkeyPressed();
                    dictation.toggle();
                });
            }
        });
        this.outputs = new TextOutputChooser(env, osName);
        this.delivery = new TextDelivery(
                outputs.choose(TextOutputMode.CONSOLE).output(),
                message -> ui.execute(() -> console.showError(message)));
        // Dictated finals only: a transcribed file's text lands in the transcript too, but is not typed anywhere.
        dictation.addEventListener(event -> {
            if (!closed && event.hasFinal() && !event.getFinal().getText().isBlank()) {
                delivery.submit(event.getFinal().getText().strip());
            }
        });
    }

    /** UI thread, after the console is initialized. */
    static DesktopIntegration start(
            ConsoleViewModel console,
            PillViewModel pill,
            UiExecutor ui,
            BackgroundTasks tasks,
            Map<String, String> env,
            String osName) {
        DesktopIntegration d = new DesktopIntegration(console, pill, ui, tasks, env, osName);
        console.settingsProperty().addListener(d.settingsListener);
        d.apply(null, console.settingsProperty().get());
        return d;
    }

    private void apply(UiSettings old, UiSettings now) {
        boolean hotkeysChanged = old == null || !old.hotkeys().equals(now.hotkeys());
        boolean outputChanged = old == null || !old.textOutput().equals(now.textOutput());
        if (!hotkeysChanged && !outputChanged) {
            return;
        }
        setup.execute(() -> {
            HotkeyAvailability availability = hotkeysChanged ? hotkeys.bind(now.hotkeys()) : hotkeys.availability();
            TextOutputChoice choice = outputs.choose(now.textOutputMode());
            delivery.use(choice.output());
            String status = availability.message() + "\nText output: "
                    + choice.output().description() + (choice.degraded() ? ". " + choice.notice() : ".");
            ui.execute(() -> {
                console.settingsForm().desktopStatusProperty().set(status);
                console.hotkeysBound(now.toggleKey(), availability.works());
                String time = LocalTime.now(ZoneId.systemDefault()).format(CLOCK);
                if (hotkeysChanged && availability.state() == HotkeyAvailability.State.UNAVAILABLE) {
                    console.health().addWarning(HealthWarning.said(time, availability.message()));
                }
                if (outputChanged && choice.degraded()) {
                    console.health().addWarning(HealthWarning.said(time, choice.notice()));
                }
            });
        });
    }

    /** Window closing: the hook stops (so the JVM can exit) and queued text is finished first. */
    @Override
    public void close() {
        console.settingsProperty().removeListener(settingsListener);
        closed = true;
        setup.shutdown();
        try {
            setup.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        hotkeys.close();
        delivery.close();
    }
}
