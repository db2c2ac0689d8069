package dev.voiceconsole.ui.files;

import dev.voiceconsole.audio.WavAudio;
import dev.voiceconsole.audio.WavReader;
import dev.voiceconsole.client.RecoveringBatch;
import dev.voiceconsole.client.RecoverySettings;
import dev.voiceconsole.client.TranscriptionResult;
import dev.voiceconsole.client.VoiceWorkerClient;
import dev.voiceconsole.client.WorkerHandle;
import dev.voiceconsole.proto.v1.SessionMode;
import dev.voiceconsole.settings.UiSettings;
import dev.voiceconsole.ui.common.BackgroundTasks;
import dev.voiceconsole.ui.common.LiveTranscript;
import dev.voiceconsole.ui.common.SessionConfigs;
import dev.voiceconsole.ui.common.UiErrors;
import dev.voiceconsole.ui.common.UiExecutor;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recordings dropped on the window (or opened), transcribed one after another through an offline session of the
 * running worker. Progress follows decoding; the text lands in the transcript and goes to every
 * {@link #addCompletedListener completed-listener} (the journal) when a file is done.
 */
public final class FileTranscriptionViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(FileTranscriptionViewModel.class);
    /** Shown while the file is read and resampled, before the first decode reports a position. */
    public static final double INDETERMINATE = -1;
    /** A file survives this many lost workers (sidecar crashes, remote workers gone) before its error is shown. */
    static final int MAX_WORKER_LOSSES = 2;

    /** One finished recording: where it came from, what was said in it, and the settings it was transcribed with. */
    public record Completed(Path file, TranscriptionResult result, UiSettings settings) {}

    private final Supplier<VoiceWorkerClient> client;
    private final Supplier<WorkerHandle> worker;
    private final Supplier<UiSettings> settings;
    private final LiveTranscript transcript;
    private final UiExecutor ui;
    private final Consumer<String> errors;
    private final List<Consumer<Completed>> completedListeners = new CopyOnWriteArrayList<>();
    private final ExecutorService files;
    private final Queue<Future<?>> queued = new ConcurrentLinkedQueue<>();
    /** Files accepted and not yet finished; read and written on the UI thread. */
    private int pending;

    private final AtomicInteger cancelEpoch = new AtomicInteger();

    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");

    /** @param worker where a file goes when its worker is lost (see {@link RecoveringBatch}) */
    public FileTranscriptionViewModel(
            Supplier<VoiceWorkerClient> client,
            Supplier<WorkerHandle> worker,
            Supplier<UiSettings> settings,
            LiveTranscript transcript,
            UiExecutor ui,
            BackgroundTasks tasks,
            Consumer<String> errors) {
        this.client = client;
        this.worker = worker;
        this.settings = settings;
        this.transcript = transcript;
        this.ui = ui;
        this.errors = errors;
        this.files = tasks.lane("file-transcription");
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }
    /** 0..1 of the current file, or {@link #INDETERMINATE}. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public void addCompletedListener(Consumer<Completed> listener) {
        completedListeners.add(listener);
    }

    /** UI thread. Queues the files behind any already running; nothing starts without a ready worker. */
    public void transcribe(List<Path> recordings) {
        if (recordings.isEmpty()) {
            return;
        }
        if (client.get() == null) {
            errors.accept("The voice worker is not ready yet; drop the recording again once it is.");
            return;
        }
        UiSettings current = settings.get();
        int epoch = cancelEpoch.get();
        for (Path file : recordings) {
            pending++;
            running.set(true);
            queued.add(files.submit(() -> transcribeOne(file, current, epoch)));
        }
        queued.removeIf(Future::isDone);
    }

    /** UI thread. Stops the file being transcribed and drops the queued ones; text already final is kept. */
    public void cancel() {
        if (!running.get()) {
            return;
        }
        cancelEpoch.incrementAndGet();
        Future<?> f;
        while ((f = queued.poll()) != null) {
            f.cancel(true);
        }
        pending = 0;
        running.set(false);
        progress.set(0);
        status.set("Cancelled.");
    }

    /** UI thread. Hides the last file's summary. */
    public void dismiss() {
        if (!running.get()) {
            status.set("");
        }
    }

    private void transcribeOne(Path file, UiSettings current, int epoch) {
        String name = String.valueOf(file.getFileName());
        ui.execute(() -> {
            progress.set(INDETERMINATE);
            status.set("Reading " + name + "…");
        });
        try {
            VoiceWorkerClient c = client.get();
            WorkerHandle w = worker.get();
            if (c == null || w == null) {
                throw new IllegalStateException("the voice worker stopped");
            }
            WavAudio audio = WavReader.readAs16kMono(file);
            double seconds = audio.samples().length / (double) audio.sampleRate();
            ui.execute(() -> status.set("Transcribing " + name + " (" + Math.round(seconds) + " s of audio)…"));
            RecoveringBatch batch = new RecoveringBatch(
                    w.placement(c), w.replacements(), RecoverySettings.defaults(), MAX_WORKER_LOSSES);
            TranscriptionResult result = batch.run(
                    c,
                    on -> on.transcribeOffline(
                            audio.samples(),
                            audio.sampleRate(),
                            SessionConfigs.of(current, audio.sampleRate(), 1, SessionMode.SESSION_MODE_OFFLINE),
                            (done, total) -> ui.execute(() -> {
                                if (epoch == cancelEpoch.get()) {
                                    progress.set(total > 0 ? done / total : 0);
                                }
                            })),
                    (lost, cause) -> ui.execute(() -> {
                        if (epoch == cancelEpoch.get()) {
                            progress.set(0);
                            status.set("The voice worker was lost; " + name
                                    + " starts again on the worker that takes over…");
                        }
                    }));
            if (epoch != cancelEpoch.get() || Thread.currentThread().isInterrupted()) {
                // Cancelled while the last answer was on its way: not a finished file, so not journalled as one.
                LOG.info("transcription of {} cancelled", file);
                return;
            }
            Completed completed = new Completed(file, result, current);
            ui.execute(() -> {
                if (epoch == cancelEpoch.get()) {
                    transcript.appendSession(result.segments());
                    long n = result.segments().stream()
                            .filter(s -> !s.getText().isBlank())
                            .count();
                    long heard = Math.round(result.audioSeconds());
                    // An empty result must say so: a silent end reads as a failure or a hang.
                    status.set(
                            n == 0
                                    ? name + ": no speech recognized in " + heard + " s of audio."
                                    : name + ": " + n + (n == 1 ? " segment" : " segments") + " from " + heard
                                            + " s of audio.");
                }
            });
            completedListeners.forEach(l -> l.accept(completed));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.info("transcription of {} cancelled", file);
        } catch (Exception e) {
            if (epoch == cancelEpoch.get()) {
                LOG.warn("transcription of {} failed", file, e);
                String reason = UiErrors.describe(e);
                ui.execute(() -> {
                    errors.accept("Could not transcribe " + name + ": " + reason);
                    // Not "Reading notes.wav…" forever under a file that will never be read.
                    status.set(name + ": not transcribed (the message above says why).");
                });
            }
        } finally {
            ui.execute(() -> {
                if (epoch == cancelEpoch.get() && --pending == 0) {
                    running.set(false);
                    progress.set(0);
                }
            });
        }
    }

    /** Window closing: abandons whatever is running. */
    public void shutdown() {
        files.shutdownNow();
    }
}
