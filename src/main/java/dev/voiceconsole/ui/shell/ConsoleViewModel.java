package dev.voiceconsole.ui.shell;

import dev.voiceconsole.capture.source.AudioSourceFactory;
import dev.voiceconsole.client.ClientSettings;
import dev.voiceconsole.client.VoiceWorkerClient;
import dev.voiceconsole.client.WorkerHandle;
import dev.voiceconsole.client.WorkerProvider;
import dev.voiceconsole.models.ModelDownloader;
import dev.voiceconsole.models.ModelStore;
import dev.voiceconsole.proto.v1.HealthResponse;
import dev.voiceconsole.settings.LastWorkingModel;
import dev.voiceconsole.settings.SettingsStore;
import dev.voiceconsole.settings.UiSettings;
import dev.voiceconsole.settings.UserData;
import dev.voiceconsole.ui.common.BackgroundFiles;
import dev.voiceconsole.ui.common.BackgroundTasks;
import dev.voiceconsole.ui.common.ConsoleControl;
import dev.voiceconsole.ui.common.ShortcutHint;
import dev.voiceconsole.ui.common.TranscriptRecorder;
import dev.voiceconsole.ui.common.UiErrors;
import dev.voiceconsole.ui.common.UiExecutor;
import dev.voiceconsole.ui.common.WorkerState;
import dev.voiceconsole.ui.dictation.DictationViewModel;
import dev.voiceconsole.ui.files.FileTranscriptionViewModel;
import dev.voiceconsole.ui.health.HealthViewModel;
import dev.voiceconsole.ui.health.HealthWarning;
import dev.voiceconsole.ui.health.WarningLogTail;
import dev.voiceconsole.ui.journal.JournalViewModel;
import dev.voiceconsole.ui.latency.LatencyRecorder;
import dev.voiceconsole.ui.latency.LatencySample;
import dev.voiceconsole.ui.latency.LatencyViewModel;
import dev.voiceconsole.ui.models.ModelManagerViewModel;
import dev.voiceconsole.ui.settings.SettingsViewModel;
import dev.voiceconsole.ui.transcript.TranscriptViewModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main window's state: settings, the worker's life (first run, starting, ready, failed), the error line, and
 * the screens' ViewModels. Worker start, health polls and latency draining run on a background lane; what
 * they find is published through the {@link UiExecutor}.
 */
public final class ConsoleViewModel implements ConsoleControl, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleViewModel.class);
    static final long HEALTH_POLL_MS = 2000;
    /** Charts redraw at most this often (4 Hz), however many events arrive. */
    static final long LATENCY_PUBLISH_MS = 250;

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final WorkerProvider workers;
    private final AudioSourceFactory audioSources;
    private final SettingsStore store;
    private final UiExecutor ui;
    private final ScheduledExecutorService background;
    private final BackgroundFiles files;

    private final ReadOnlyObjectWrapper<UiSettings> settings = new ReadOnlyObjectWrapper<>(UiSettings.defaults());
    private final ReadOnlyObjectWrapper<WorkerState> workerState = new ReadOnlyObjectWrapper<>(WorkerState.NO_MODEL);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper shortcuts = new ReadOnlyStringWrapper(ShortcutHint.startStop("", false));
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper modelWeightless = new ReadOnlyBooleanWrapper(false);
    /** The model that worked before the one that just failed to start; null when there is nothing to go back to. */
    private final ReadOnlyObjectWrapper<Path> rollbackModel = new ReadOnlyObjectWrapper<>();

    private final LastWorkingModel lastWorking;

    private final TranscriptViewModel transcript;
    private final LatencyRecorder latencyRecorder = new LatencyRecorder();
    private final LatencyViewModel latency;
    private final HealthViewModel health = new HealthViewModel();
    private final SettingsViewModel settingsForm = new SettingsViewModel();
    private final DictationViewModel dictation;

    /** Warnings logged anywhere in the app while the console runs; null until initialized. */
    private WarningLogTail logTail;

    private final FileTranscriptionViewModel fileTranscription;
    private final JournalViewModel journal;
    private final ModelManagerViewModel models;

    // Written by the background thread; file transcription reads the client from its own thread.
    private volatile WorkerHandle handle;
    private volatile VoiceWorkerClient client;
    /** The settings' model file, absolute, for the Models tab's "in use" (read on its lane); null when none. */
    private volatile Path modelInUse;
    /** Bumped per start (on the UI thread) so a slow, superseded start cannot overwrite a newer one's state. */
    private final AtomicLong generation = new AtomicLong();

    /** A console that keeps no journal. */
    public ConsoleViewModel(
            WorkerProvider workers,
            AudioSourceFactory audioSources,
            SettingsStore store,
            UiExecutor ui,
            BackgroundTasks tasks) {
        this(
                workers,
                audioSources,
                store,
                ui,
                tasks,
                new UserData(store.file().resolveSibling("models"), Optional.empty(), Optional.empty()));
    }

    /**
     * @param ui    where property changes are published (the FX thread)
     * @param tasks where every screen's blocking work runs
     */
    public ConsoleViewModel(
            WorkerProvider workers,
            AudioSourceFactory audioSources,
            SettingsStore store,
            UiExecutor ui,
            BackgroundTasks tasks,
            UserData data) {
        this.workers = workers;
        this.audioSources = audioSources;
        this.store = store;
        this.lastWorking = LastWorkingModel.besides(store);
        this.ui = ui;
        this.background = tasks.scheduledLane("console-background");
        this.files = new BackgroundFiles(tasks, ui, this::showError);
        this.transcript = new TranscriptViewModel(files, settings.getReadOnlyProperty());
        this.latency = new LatencyViewModel(latencyRecorder, 60, files);
        this.journal = new JournalViewModel(data.journal(), ui, tasks, this::showError);
        this.models = new ModelManagerViewModel(
                new ModelStore(data.models(), data.catalog()),
                ModelDownloader.standard(),
                ui,
                tasks,
                this::showError,
                this::chooseModel,
                () -> modelInUse);
        this.dictation = new DictationViewModel(
                audioSources, settings::get, transcript, latencyRecorder, journal, ui, tasks, this::showError);
        this.fileTranscription = new FileTranscriptionViewModel(
                () -> client, () -> handle, settings::get, transcript, ui, tasks, this::showError);
        // How a dictation ended, when that needs saying, replaces "Ready" until the next one starts.
        dictation.outcomeProperty().addListener((o, was, now) -> {
            if (!now.isEmpty()) {
                status.set(now);
            }
        });
        fileTranscription.addCompletedListener(done -> {
            UiSettings s = done.settings(); // this runs on the file thread: no JavaFX property is read here
            TranscriptRecorder.Recording r =
                    journal.begin(String.valueOf(done.file().getFileName()), s.modelName(), s.mode());
            r.recordAll(done.result().segments());
            r.end();
        });
    }

    /** Loads the settings and starts the worker when there is a model; otherwise waits for the user to pick one. */
    public void initialize() {
        SettingsStore.Loaded loaded = store.load();
        settings.set(loaded.settings());
        modelInUse = modelFile(loaded.settings());
        settingsForm.load(loaded.settings());
        if (loaded.problem() != null) {
            showError(loaded.problem());
        }
        journal.open();
        models.refresh();
        logTail = WarningLogTail.attach(HealthViewModel.WARNING_TAIL, ui, health::addWarnings)
                .orElse(null);
        // Not kept: closing the console ends them with the lane, and a failed one logs itself.
        var unusedHealth = background.scheduleWithFixedDelay(
                loggingFailure("health poll", this::pollHealth), HEALTH_POLL_MS, HEALTH_POLL_MS, TimeUnit.MILLISECONDS);
        var unusedLatency = background.scheduleWithFixedDelay(
                loggingFailure("latency publishing", this::publishLatency),
                LATENCY_PUBLISH_MS,
                LATENCY_PUBLISH_MS,
                TimeUnit.MILLISECONDS);
        refreshMicrophones();
        startWorker();
    }

    /** The sound system can take a while to answer. */
    @Override
    public void refreshMicrophones() {
        background.execute(() -> {
            try {
                List<String> names = audioSources.deviceNames();
                ui.execute(() -> settingsForm.setMicrophones(names));
            } catch (RuntimeException e) {
                LOG.warn("capture devices could not be listed", e);
                String reason = UiErrors.describe(e);
                ui.execute(() ->
                        health.addWarning(HealthWarning.said(clock(), "Microphones could not be listed: " + reason)));
            }
        });
    }

    /** The user picked a model file (first run or later): remember it and (re)start the worker with it. */
    @Override
    public void chooseModel(Path file) {
        if (!Files.isRegularFile(file)) {
            showError("Model file " + file + " does not exist or is not a file.");
            return;
        }
        applySettings(settings.get().withModel(file.toAbsolutePath().toString()));
    }

    /** Applies the settings form; false (reason in the form's error) when a value is refused. */
    public boolean applySettingsForm() {
        return settingsForm
                .toSettings()
                .map(s -> {
                    applySettings(s);
                    return true;
                })
                .orElse(false);
    }

    @Override
    public void applySettings(UiSettings next) {
        UiSettings previous = settings.get();
        settings.set(next);
        if (!Objects.equals(previous.model(), next.model())) {
            modelInUse = modelFile(next);
            models.refresh();
        }
        settingsForm.load(next);
        // On the background thread, queued before any worker start below: a start sees the settings saved.
        background.execute(() -> {
            try {
                store.save(next);
                String when = clock();
                ui.execute(() -> settingsForm.markSaved(when));
            } catch (IOException e) {
                String reason = e.getMessage();
                ui.execute(() -> showError("Settings could not be saved to " + store.file() + ": " + reason));
            }
        });
        if (workerRelevantChange(previous, next) || workerState.get() != WorkerState.READY) {
            startWorker();
        }
    }

    private static Path modelFile(UiSettings s) {
        return s.hasModel() ? Path.of(s.model()).toAbsolutePath() : null;
    }

    private static boolean workerRelevantChange(UiSettings a, UiSettings b) {
        return !Objects.equals(a.model(), b.model())
                || a.threads() != b.threads()
                || !a.mode().equals(b.mode())
                || !a.worker().equals(b.worker());
    }

    @Override
    public void restartWorker() {
        startWorker();
    }

    private void startWorker() {
        UiSettings current = settings.get();
        dictation.useClient(null, null);
        rollbackModel.set(null);
        modelWeightless.set(false);
        if (current.needsModel() && !current.hasModel()) {
            workerState.set(WorkerState.NO_MODEL);
            status.set("No model yet: download one, or choose a model file you have.");
            background.execute(this::closeWorker);
            return;
        }
        workerState.set(WorkerState.STARTING);
        status.set(
                current.needsModel()
                        ? "Starting the voice worker with "
                                + Path.of(current.model()).getFileName() + "…"
                        : "Connecting to the remote workers…");
        // Bumped here, on the UI thread, when the start is asked for: a start still queued or running behind this
        // one sees at once that it was superseded (bumped inside the task, an earlier start could still set READY
        // with a client the next task was about to close).
        long mine = generation.incrementAndGet();
        background.execute(() -> {
            if (mine != generation.get()) {
                return; // a newer start is queued behind this one
            }
            closeWorker();
            try {
                WorkerHandle started = workers.start(current);
                if (mine != generation.get()) {
                    started.close(); // superseded while the worker was starting: never shown, never used
                    return;
                }
                VoiceWorkerClient c = new VoiceWorkerClient(started.channel(), ClientSettings.defaults());
                HealthResponse h;
                try {
                    h = c.connect();
                } catch (RuntimeException e) {
                    c.close();
                    started.close();
                    throw e;
                }
                handle = started;
                client = c;
                if (current.needsModel()) {
                    lastWorking.remember(Path.of(current.model()));
                }
                String mode = started.mode();
                ui.execute(() -> {
                    if (mine != generation.get()) {
                        return;
                    }
                    health.apply(h, mode);
                    workerState.set(WorkerState.READY);
                    modelWeightless.set(h.getModelWeightless());
                    status.set("Ready: " + h.getModelName() + " (" + mode + ")"
                            + (h.getModelWeightless() ? ", a test model without weights: no text will appear" : ""));
                    error.set("");
                    dictation.useClient(c, started);
                });
            } catch (Exception e) {
                LOG.warn("voice worker did not start: {}", UiErrors.describe(e));
                String reason = UiErrors.describe(e);
                Path goBackTo = current.needsModel()
                        ? lastWorking
                                .get()
                                .filter(p -> !p.equals(Path.of(current.model()).toAbsolutePath()))
                                .orElse(null)
                        : null;
                ui.execute(() -> {
                    if (mine != generation.get()) {
                        return;
                    }
                    rollbackModel.set(goBackTo);
                    workerState.set(WorkerState.FAILED);
                    status.set("Voice worker not running.");
                    health.unavailable("not started");
                    showError("Could not start the voice worker: " + reason);
                });
            }
        });
    }

    private void closeWorker() {
        VoiceWorkerClient c = client;
        WorkerHandle h = handle;
        client = null;
        handle = null;
        if (c != null) {
            c.close();
        }
        if (h != null) {
            try {
                h.close();
            } catch (RuntimeException e) {
                LOG.warn("voice worker did not close cleanly", e);
                HealthWarning line = HealthWarning.said(
                        clock(), "The previous voice worker did not close cleanly: " + UiErrors.describe(e));
                ui.execute(() -> health.addWarning(line));
            }
        }
    }

    /**
     * A periodic task whose failure is logged: it stops the task, and the lane keeps it in a future nobody reads, so
     * it would otherwise go unseen.
     */
    private static Runnable loggingFailure(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.error("{} failed; it stops until the console is restarted", what, e);
                throw e;
            }
        };
    }

    private void pollHealth() {
        VoiceWorkerClient c = client;
        WorkerHandle h = handle;
        if (c == null || h == null) {
            return;
        }
        try {
            HealthResponse response = c.health();
            ui.execute(() -> health.apply(response, h.mode()));
        } catch (RuntimeException e) {
            String reason = UiErrors.describe(e);
            ui.execute(() -> health.unavailable(reason));
        }
    }

    private void publishLatency() {
        List<LatencySample> batch = latencyRecorder.drain();
        if (!batch.isEmpty()) {
            ui.execute(() -> latency.publish(batch));
        }
    }

    /** Also kept in the health panel's warning tail. */
    @Override
    public void showError(String message) {
        error.set(message);
        health.addWarning(HealthWarning.said(clock(), message));
    }

    /** The time of day that starts a line of the health panel's warning tail, on the user's clock. */
    private static String clock() {
        return LocalTime.now(ZoneId.systemDefault()).format(CLOCK);
    }

    /** How to start and stop dictation by keyboard, in one sentence (see {@link ShortcutHint}). */
    public ReadOnlyStringProperty shortcutsProperty() {
        return shortcuts.getReadOnlyProperty();
    }

    /** The desktop bound (or could not bind) the global hotkeys (UI thread). */
    void hotkeysBound(String toggleKey, boolean works) {
        shortcuts.set(ShortcutHint.startStop(toggleKey, works));
    }

    /** The running worker's model has no weights (a test model): dictation runs, but no text appears. */
    public ReadOnlyBooleanProperty modelWeightlessProperty() {
        return modelWeightless.getReadOnlyProperty();
    }

    /** The model to offer back after a failed start (null: none). */
    public ReadOnlyObjectProperty<Path> rollbackModelProperty() {
        return rollbackModel.getReadOnlyProperty();
    }

    /** UI thread: goes back to the model that worked before the one that failed. */
    public void rollBackModel() {
        Path previous = rollbackModel.get();
        if (previous != null) {
            chooseModel(previous);
        }
    }

    public void dismissError() {
        error.set("");
    }

    @Override
    public Path settingsFile() {
        return store.file();
    }

    @Override
    public Path modelsFolder() {
        return models.directory();
    }

    @Override
    public ReadOnlyObjectProperty<UiSettings> settingsProperty() {
        return settings.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyObjectProperty<WorkerState> workerStateProperty() {
        return workerState.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public TranscriptViewModel transcript() {
        return transcript;
    }

    public LatencyViewModel latency() {
        return latency;
    }

    public HealthViewModel health() {
        return health;
    }

    public SettingsViewModel settingsForm() {
        return settingsForm;
    }

    public DictationViewModel dictation() {
        return dictation;
    }

    public FileTranscriptionViewModel fileTranscription() {
        return fileTranscription;
    }

    public JournalViewModel journal() {
        return journal;
    }

    public ModelManagerViewModel models() {
        return models;
    }

    /** Stops dictation and the worker (window closing); blocks until the worker is down. */
    @Override
    public void close() {
        if (logTail != null) {
            logTail.detach();
        }
        dictation.shutdown();
        fileTranscription.shutdown();
        journal.close();
        models.shutdown();
        files.close(); // a save the user asked for lands before exit
        background.shutdownNow();
        try {
            // A start still loading a model finishes first, so its worker is closed too, not leaked.
            background.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeWorker();
    }
}
