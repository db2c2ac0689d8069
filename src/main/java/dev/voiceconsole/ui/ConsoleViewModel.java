package dev.voiceconsole.ui;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import dev.voiceconsole.client.ClientSettings;
import dev.voiceconsole.client.VoiceWorkerClient;
import dev.voiceconsole.proto.v1.HealthResponse;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.voiceconsole.models.ModelCatalog;
import dev.voiceconsole.models.ModelDownloader;
import dev.voiceconsole.models.ModelStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The main window's state: settings, the worker's life (first run, starting, ready, failed), the error line, and
 * the screens' ViewModels. Worker start, health polls and latency draining run on a background scheduler; what
 * they find is published through the {@link UiExecutor}.
 */
public final class ConsoleViewModel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleViewModel.class);
    static final long HEALTH_POLL_MS = 2000;
    /** Charts redraw at most this often (4 Hz), however many events arrive. */
    static final long LATENCY_PUBLISH_MS = 250;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final WorkerProvider workers;
    private final AudioSourceFactory audioSources;
    private final SettingsStore store;
    private final UiExecutor ui;
    private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(
            new ThreadFactoryBuilder().setNameFormat("console-background").setDaemon(true).build());
    /** Saves and exports the user asked for: disk writes never run on the FX thread; one at a time, in order. */
    private final java.util.concurrent.ExecutorService fileWrites = Executors.newSingleThreadExecutor(
            new ThreadFactoryBuilder().setNameFormat("console-files").setDaemon(true).build());

    private final ReadOnlyObjectWrapper<UiSettings> settings = new ReadOnlyObjectWrapper<>(UiSettings.defaults());
    private final ReadOnlyObjectWrapper<WorkerState> workerState = new ReadOnlyObjectWrapper<>(WorkerState.NO_MODEL);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    private final TranscriptViewModel transcript = new TranscriptViewModel();
    private final LatencyRecorder latencyRecorder = new LatencyRecorder();
    private final LatencyViewModel latency = new LatencyViewModel(latencyRecorder, 60);
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
    /** Bumped per start (on the UI thread) so a slow, superseded start cannot overwrite a newer one's state. */
    private volatile long generation;

    /** A console that keeps no journal. */
    public ConsoleViewModel(WorkerProvider workers, AudioSourceFactory audioSources, SettingsStore store, UiExecutor ui) {
        this(workers, audioSources, store, ui, new UserData(store.file().resolveSibling("models"), Optional.empty(),
                Optional.empty()));
    }

    public ConsoleViewModel(WorkerProvider workers, AudioSourceFactory audioSources, SettingsStore store, UiExecutor ui,
                            UserData data) {
        this.workers = workers;
        this.audioSources = audioSources;
        this.store = store;
        this.ui = ui;
        this.journal = new JournalViewModel(data.journal(), ui, this::showError);
        this.models = new ModelManagerViewModel(new ModelStore(data.models(), ModelCatalog.standard(data.modelMirror())),
                ModelDownloader.standard(), ui, this::showError, this::chooseModel);
        this.dictation = new DictationViewModel(audioSources, settings::get, transcript, latencyRecorder, journal, ui,
                this::showError);
        this.fileTranscription = new FileTranscriptionViewModel(() -> client, () -> handle, settings::get, transcript, ui,
                this::showError);
        fileTranscription.addCompletedListener(done -> {
            UiSettings s = done.settings(); // this runs on the file thread: no JavaFX property is read here
            TranscriptRecorder.Recording r = journal.begin(String.valueOf(done.file().getFileName()), modelName(s), s.mode());
            r.recordAll(done.result().segments());
            r.end();
        });
    }

    /** Loads the settings and starts the worker when there is a model; otherwise waits for the user to pick one. */
    public void initialize() {
        SettingsStore.Loaded loaded = store.load();
        settings.set(loaded.settings());
        settingsForm.load(loaded.settings());
        if (loaded.problem() != null) {
            showError(loaded.problem());
        }
        journal.open();
        models.refresh();
        logTail = WarningLogTail.attach(HealthViewModel.WARNING_TAIL, ui, health::addWarnings).orElse(null);
        background.scheduleWithFixedDelay(this::pollHealth, HEALTH_POLL_MS, HEALTH_POLL_MS, TimeUnit.MILLISECONDS);
        background.scheduleWithFixedDelay(this::publishLatency, LATENCY_PUBLISH_MS, LATENCY_PUBLISH_MS, TimeUnit.MILLISECONDS);
        refreshMicrophones();
        startWorker();
    }

    /** Lists the capture devices again, off the UI thread (the sound system can take a while to answer). */
    public void refreshMicrophones() {
        background.execute(() -> {
            try {
                List<String> names = audioSources.deviceNames();
                ui.execute(() -> settingsForm.setMicrophones(names));
            } catch (RuntimeException e) {
                LOG.warn("capture devices could not be listed", e);
                String reason = UiErrors.describe(e);
                ui.execute(() -> health.addWarning(LocalTime.now().format(CLOCK)
                        + "  Microphones could not be listed: " + reason));
            }
        });
    }

    /** The user picked a model file (first run or later): remember it and (re)start the worker with it. */
    public void chooseModel(Path file) {
        if (!Files.isRegularFile(file)) {
            showError("Model file " + file + " does not exist or is not a file.");
            return;
        }
        applySettings(settings.get().withModel(file.toAbsolutePath().toString()));
    }

    /** Applies the settings form; false (reason in the form's error) when a value is refused. */
    public boolean applySettingsForm() {
        return settingsForm.toSettings().map(s -> {
            applySettings(s);
            return true;
        }).orElse(false);
    }

    public void switchMode(String mode) {
        try {
            applySettings(settings.get().withMode(mode));
        } catch (InvalidSettingsException e) {
            showError(e.getMessage());
        }
    }

    private void applySettings(UiSettings next) {
        UiSettings previous = settings.get();
        settings.set(next);
        settingsForm.load(next);
        // On the background thread, queued before any worker start below: a start sees the settings saved.
        background.execute(() -> {
            try {
                store.save(next);
            } catch (IOException e) {
                String reason = e.getMessage();
                ui.execute(() -> showError("Settings could not be saved to " + store.file() + ": " + reason));
            }
        });
        if (workerRelevantChange(previous, next) || workerState.get() != WorkerState.READY) {
            startWorker();
        }
    }

    private static boolean workerRelevantChange(UiSettings a, UiSettings b) {
        return !Objects.equals(a.model(), b.model()) || a.threads() != b.threads() || !a.mode().equals(b.mode())
                || !a.worker().equals(b.worker());
    }

    public void restartWorker() {
        startWorker();
    }

    private void startWorker() {
        UiSettings current = settings.get();
        dictation.useClient(null, null);
        if (current.needsModel() && !current.hasModel()) {
            workerState.set(WorkerState.NO_MODEL);
            status.set("No model yet: choose a model file to start dictating.");
            background.execute(this::closeWorker);
            return;
        }
        workerState.set(WorkerState.STARTING);
        status.set(current.needsModel() ? "Starting the voice worker with " + Path.of(current.model()).getFileName() + "…"
                : "Connecting to the remote workers…");
        // Bumped here, on the UI thread, when the start is asked for: a start still queued or running behind this
        // one sees at once that it was superseded (bumped inside the task, an earlier start could still set READY
        // with a client the next task was about to close).
        long mine = ++generation;
        background.execute(() -> {
            if (mine != generation) {
                return; // a newer start is queued behind this one
            }
            closeWorker();
            try {
                WorkerHandle started = workers.start(current);
                if (mine != generation) {
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
                String mode = started.modeDescription();
                ui.execute(() -> {
                    if (mine != generation) {
                        return;
                    }
                    health.apply(h, mode);
                    workerState.set(WorkerState.READY);
                    status.set("Ready: " + h.getModelName() + " (" + mode + ")");
                    error.set("");
                    dictation.useClient(c, started);
                });
            } catch (Exception e) {
                LOG.warn("voice worker did not start: {}", UiErrors.describe(e));
                String reason = UiErrors.describe(e);
                ui.execute(() -> {
                    if (mine != generation) {
                        return;
                    }
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
                String line = LocalTime.now().format(CLOCK) + "  The previous voice worker did not close cleanly: "
                        + UiErrors.describe(e);
                ui.execute(() -> health.addWarning(line));
            }
        }
    }

    private void pollHealth() {
        VoiceWorkerClient c = client;
        WorkerHandle h = handle;
        if (c == null || h == null) {
            return;
        }
        try {
            HealthResponse response = c.health();
            ui.execute(() -> health.apply(response, h.modeDescription()));
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

    /** Shows a message in the error line and keeps it in the health panel's warning tail (UI thread). */
    public void showError(String message) {
        error.set(message);
        health.addWarning(LocalTime.now().format(CLOCK) + "  " + message);
    }

    /**
     * UI thread: writes {@code content} (rendered by the caller from what the window shows now) to {@code target}
     * off the FX thread; a failure is shown as {@code failure + ": " + reason}.
     */
    public void writeInBackground(Path target, String content, String failure) {
        fileWrites.execute(() -> {
            try {
                // Whole or not at all: a file that is there is complete, also for whoever watches for it.
                Path part = target.resolveSibling(target.getFileName() + ".part");
                Files.writeString(part, content, java.nio.charset.StandardCharsets.UTF_8);
                Files.move(part, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                String reason = e.getMessage();
                ui.execute(() -> showError(failure + ": " + reason));
            }
        });
    }

    public void dismissError() {
        error.set("");
    }

    public Path settingsFile() { return store.file(); }
    public ReadOnlyObjectProperty<UiSettings> settingsProperty() { return settings.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<WorkerState> workerStateProperty() { return workerState.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public TranscriptViewModel transcript() { return transcript; }
    public LatencyViewModel latency() { return latency; }
    public HealthViewModel health() { return health; }
    public SettingsViewModel settingsForm() { return settingsForm; }
    public DictationViewModel dictation() { return dictation; }
    public FileTranscriptionViewModel fileTranscription() { return fileTranscription; }
    public JournalViewModel journal() { return journal; }
    public ModelManagerViewModel models() { return models; }

    /** What the journal notes as the model of an entry. */
    static String modelName(UiSettings s) {
        return s.needsModel() && s.hasModel() ? String.valueOf(Path.of(s.model()).getFileName()) : s.mode();
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
        fileWrites.shutdown();
        background.shutdownNow();
        try {
            fileWrites.awaitTermination(10, TimeUnit.SECONDS); // a save the user asked for lands before exit
            // A start still loading a model finishes first, so its worker is closed too, not leaked.
            background.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeWorker();
    }
}
