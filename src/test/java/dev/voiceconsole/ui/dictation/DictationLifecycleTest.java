package dev.voiceconsole.ui.dictation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voiceconsole.app.LocalWorkerProvider;
import dev.voiceconsole.capture.source.AudioSource;
import dev.voiceconsole.capture.source.AudioSourceFactory;
import dev.voiceconsole.capture.source.AudioSources;
import dev.voiceconsole.client.WorkerProvider;
import dev.voiceconsole.settings.SettingsStore;
import dev.voiceconsole.settings.UiSettings;
import dev.voiceconsole.settings.WorkerOptions;
import dev.voiceconsole.testing.WorkerTest;
import dev.voiceconsole.transcript.TranscriptSegment;
import dev.voiceconsole.ui.common.BackgroundTasks;
import dev.voiceconsole.ui.common.UiExecutor;
import dev.voiceconsole.ui.common.WorkerState;
import dev.voiceconsole.ui.shell.ConsoleViewModel;
import dev.voiceconsole.ui.shell.RemoteToneWorkers;
import dev.voiceconsole.ui.shell.ToneRecordings;
import dev.voiceconsole.ui.shell.ToneWorkerProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a dictation leaves behind and which thread waits for what (ViewModels without a window, real workers). */
@WorkerTest
class DictationLifecycleTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private ConsoleViewModel console;

    @AfterEach
    void close() {
        if (console != null) {
            console.close();
        }
    }

    private ConsoleViewModel console(WorkerProvider workers, AudioSourceFactory sources, UiSettings settings)
            throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        store.save(settings);
        console = new ConsoleViewModel(workers, sources, store, UiExecutor.direct(), BackgroundTasks.threads());
        console.initialize();
        await().atMost(PATIENCE).until(() -> console.workerStateProperty().get() == WorkerState.READY);
        return console;
    }

    private static long recoveryThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("voice-session-recovery"))
                .count();
    }

    @Test
    void aDictationRecoveredOnAnotherWorkerLeavesNoRecoveryThreadBehind() throws Exception {
        long before = recoveryThreads();
        try (RemoteToneWorkers remote = RemoteToneWorkers.start(2)) {
            Path tokenFile = Files.writeString(dir.resolve("token"), remote.token());
            Path recording = ToneRecordings.sentence(dir);
            ConsoleViewModel vm = console(
                    new LocalWorkerProvider(),
                    AudioSources.withFiles(AudioSources.noMicrophone()),
                    UiSettings.defaults()
                            .withDevice("file:" + recording)
                            .withWorker(new WorkerOptions(false, 0, remote.targets(), "", tokenFile.toString()))
                            .withMode("remote"));
            vm.dictation().start();
            await().atMost(PATIENCE).until(() -> remote.sessionsCreated() == 1);
            remote.killServing();
            await().atMost(PATIENCE).until(() -> remote.sessionsCreated() == 2 && recoveryThreads() > before);
            // The recording ends by itself, which stops the dictation.
            await().atMost(PATIENCE)
                    .until(() -> !vm.dictation().dictatingProperty().get()
                            && !vm.dictation().busyProperty().get()
                            && !vm.transcript().finals().isEmpty());
            assertThat(vm.transcript().finals())
                    .extracting(TranscriptSegment::text)
                    .containsExactly(ToneRecordings.SENTENCE);
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(recoveryThreads())
                            .as("the recovery thread of the stopped dictation")
                            .isEqualTo(before));
        }
    }

    @Test
    void stoppingADictationNeverWaitsForTheAudioSourceOnTheUiThread() throws Exception {
        Set<Thread> stoppedOn = ConcurrentHashMap.newKeySet();
        AudioSourceFactory files = AudioSources.withFiles(AudioSources.noMicrophone());
        AudioSourceFactory watched = new AudioSourceFactory() {
            @Override
            public AudioSource open(UiSettings settings) throws IOException {
                AudioSource real = files.open(settings);
                return new AudioSource() {
                    @Override
                    public void start(Consumer consumer) throws IOException {
                        real.start(consumer);
                    }

                    @Override
                    public void stop() {
                        stoppedOn.add(Thread.currentThread());
                        real.stop();
                    }

                    @Override
                    public int sampleRate() {
                        return real.sampleRate();
                    }

                    @Override
                    public String description() {
                        return real.description();
                    }
                };
            }

            @Override
            public List<String> deviceNames() {
                return files.deviceNames();
            }
        };
        Path model = Files.writeString(dir.resolve("model.bin"), "tone engine needs no weights");
        ConsoleViewModel vm = console(
                new ToneWorkerProvider(),
                watched,
                UiSettings.defaults().withModel(model.toString()).withDevice("file:" + ToneRecordings.sentence(dir)));
        vm.dictation().start();
        await().atMost(PATIENCE).until(() -> vm.dictation().dictatingProperty().get());
        Thread ui = Thread.currentThread(); // UiExecutor.direct(): the test thread is the UI thread
        vm.dictation().stop();
        await().atMost(PATIENCE)
                .until(() -> !vm.dictation().dictatingProperty().get()
                        && !vm.dictation().busyProperty().get());
        assertThat(stoppedOn).isNotEmpty().doesNotContain(ui);
    }
}
