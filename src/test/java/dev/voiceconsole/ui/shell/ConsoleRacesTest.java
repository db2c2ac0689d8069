package dev.voiceconsole.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voiceconsole.capture.source.AudioSources;
import dev.voiceconsole.client.ClientSettings;
import dev.voiceconsole.client.VoiceWorkerClient;
import dev.voiceconsole.client.WorkerHandle;
import dev.voiceconsole.client.WorkerProvider;
import dev.voiceconsole.settings.SettingsStore;
import dev.voiceconsole.settings.UiSettings;
import dev.voiceconsole.testing.WorkerTest;
import dev.voiceconsole.ui.common.BackgroundFiles;
import dev.voiceconsole.ui.common.BackgroundTasks;
import dev.voiceconsole.ui.common.UiExecutor;
import dev.voiceconsole.ui.common.WorkerState;
import dev.voiceconsole.ui.files.FileTranscriptionViewModel;
import dev.voiceconsole.ui.transcript.TranscriptViewModel;
import io.grpc.Channel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Orderings the console must survive: a restart overtaking a slow start, a cancel overtaking a file's last answer. */
@WorkerTest
class ConsoleRacesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private ConsoleViewModel console;
    private final List<AutoCloseable> cleanup = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        if (console != null) {
            console.close();
        }
        for (AutoCloseable c : cleanup) {
            c.close();
        }
    }

    /** A tone worker whose close is seen. */
    private record Watched(WorkerHandle real, AtomicBoolean closed) implements WorkerHandle {
        @Override
        public Channel channel() {
            return real.channel();
        }

        @Override
        public String mode() {
            return real.mode();
        }

        @Override
        public void close() {
            closed.set(true);
            real.close();
        }
    }

    @Test
    void aStartOvertakenByARestartNeverBecomesReady() throws Exception {
        CountDownLatch firstMayFinish = new CountDownLatch(1);
        CountDownLatch firstIsStarting = new CountDownLatch(1);
        ToneWorkerProvider tones = new ToneWorkerProvider();
        List<Watched> handles = new CopyOnWriteArrayList<>();
        AtomicInteger starts = new AtomicInteger();
        WorkerProvider slowFirst = settings -> {
            if (starts.incrementAndGet() == 1) {
                firstIsStarting.countDown();
                assertThat(firstMayFinish.await(30, TimeUnit.SECONDS)).isTrue();
            }
            Watched h = new Watched(tones.start(settings), new AtomicBoolean());
            handles.add(h);
            return h;
        };
        Path model = Files.writeString(dir.resolve("model.bin"), "tone engine needs no weights");
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        store.save(UiSettings.defaults().withModel(model.toString()));
        console = new ConsoleViewModel(
                slowFirst, AudioSources.noMicrophone(), store, UiExecutor.direct(), BackgroundTasks.threads());
        List<WorkerState> states = new CopyOnWriteArrayList<>();
        List<Integer> workersWhenReady = new CopyOnWriteArrayList<>();
        console.workerStateProperty().addListener((o, old, now) -> {
            states.add(now);
            if (now == WorkerState.READY) {
                workersWhenReady.add(handles.size());
            }
        });
        console.initialize();
        assertThat(firstIsStarting.await(10, TimeUnit.SECONDS)).isTrue();

        console.restartWorker(); // the user restarts while the first start is still loading
        firstMayFinish.countDown();

        await().atMost(PATIENCE)
                .until(() ->
                        handles.size() == 2 && console.workerStateProperty().get() == WorkerState.READY);
        assertThat(handles.get(0).closed())
                .as("the superseded worker is closed")
                .isTrue();
        assertThat(handles.get(1).closed()).isFalse();
        assertThat(states).containsOnlyOnce(WorkerState.READY);
        assertThat(workersWhenReady)
                .as("READY is set by the start that won, not by the superseded one")
                .containsExactly(2);
        assertThat(console.dictation().canToggleProperty().get()).isTrue();
    }

    @Test
    void aFileCancelledAsItsLastAnswerArrivesIsNotJournalledAsComplete() throws Exception {
        UiSettings settings =
                UiSettings.defaults().withModel(dir.resolve("model.bin").toString());
        WorkerHandle worker = new ToneWorkerProvider().start(settings);
        cleanup.add(worker);
        VoiceWorkerClient client = new VoiceWorkerClient(worker.channel(), ClientSettings.defaults());
        cleanup.add(client);
        List<String> errors = new CopyOnWriteArrayList<>();
        FileTranscriptionViewModel files = new FileTranscriptionViewModel(
                () -> client,
                () -> worker,
                () -> settings,
                new TranscriptViewModel(
                        new BackgroundFiles(BackgroundTasks.threads(), UiExecutor.direct(), errors::add),
                        new javafx.beans.property.SimpleObjectProperty<>(settings)),
                UiExecutor.direct(),
                BackgroundTasks.threads(),
                errors::add);
        cleanup.add(files::shutdown);
        List<Path> completed = new CopyOnWriteArrayList<>();
        files.addCompletedListener(done -> completed.add(done.file()));
        AtomicBoolean cancelOnce = new AtomicBoolean(true);
        // The last progress report comes with the file's last answer: the user cancels exactly then.
        files.progressProperty().addListener((o, old, now) -> {
            if (now.doubleValue() >= 1.0 && cancelOnce.getAndSet(false)) {
                files.cancel();
            }
        });
        Path cancelled = ToneRecordings.sentence(Files.createDirectories(dir.resolve("a")));
        Path second = ToneRecordings.sentence(Files.createDirectories(dir.resolve("b")));

        files.transcribe(List.of(cancelled));
        await().atMost(PATIENCE).until(() -> !cancelOnce.get());
        files.transcribe(List.of(second)); // queued behind the cancelled one: once it is done, so is the first

        await().atMost(PATIENCE).until(() -> !completed.isEmpty());
        assertThat(completed).containsExactly(second);
        assertThat(errors).isEmpty();
    }
}
