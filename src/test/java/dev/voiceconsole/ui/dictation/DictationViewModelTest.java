package dev.voiceconsole.ui.dictation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voiceconsole.capture.source.AudioSources;
import dev.voiceconsole.client.WorkerProvider;
import dev.voiceconsole.proto.v1.StreamEvent;
import dev.voiceconsole.settings.SettingsStore;
import dev.voiceconsole.settings.UiSettings;
import dev.voiceconsole.testing.WorkerTest;
import dev.voiceconsole.transcript.TranscriptSegment;
import dev.voiceconsole.ui.common.BackgroundTasks;
import dev.voiceconsole.ui.common.UiExecutor;
import dev.voiceconsole.ui.common.WorkerState;
import dev.voiceconsole.ui.latency.LatencyMetric;
import dev.voiceconsole.ui.latency.LatencySample;
import dev.voiceconsole.ui.shell.ConsoleViewModel;
import dev.voiceconsole.ui.shell.ToneRecordings;
import dev.voiceconsole.ui.shell.ToneWorkerProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's ViewModels without a window: a real embedded worker, a WAV file as the microphone. */
@WorkerTest
class DictationViewModelTest {

    @TempDir
    Path dir;

    private ConsoleViewModel console;

    private ConsoleViewModel console(WorkerProvider workers, UiSettings settings) throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        store.save(settings);
        console = new ConsoleViewModel(
                workers,
                AudioSources.withFiles(AudioSources.noMicrophone()),
                store,
                UiExecutor.direct(),
                BackgroundTasks.threads());
        console.initialize();
        return console;
    }

    @AfterEach
    void close() {
        if (console != null) {
            console.close();
        }
    }

    private UiSettings withModelAndRecording() throws Exception {
        Path model = Files.writeString(dir.resolve("model.bin"), "tone engine needs no weights");
        Path wav = ToneRecordings.sentence(dir);
        return UiSettings.defaults().withModel(model.toString()).withDevice("file:" + wav);
    }

    @Test
    void dictationFromARecordingEndsInFinalTextWithLatencySamples() throws Exception {
        ConsoleViewModel vm = console(new ToneWorkerProvider(), withModelAndRecording());
        List<StreamEvent> events = new CopyOnWriteArrayList<>();
        vm.dictation().addEventListener(events::add);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> vm.workerStateProperty().get() == WorkerState.READY);
        assertThat(vm.health().stateProperty().get()).isEqualTo("SERVING");
        assertThat(vm.health().modeProperty().get()).isEqualTo("embedded (tone engine)");

        vm.dictation().start();
        // The recording ends by itself; its end stops the dictation, which flushes the last words.
        await().atMost(Duration.ofSeconds(15))
                .until(() -> !vm.dictation().dictatingProperty().get()
                        && !vm.dictation().busyProperty().get()
                        && !vm.transcript().finals().isEmpty());

        assertThat(vm.transcript().finals())
                .extracting(TranscriptSegment::text)
                .containsExactly(ToneRecordings.SENTENCE);
        assertThat(vm.transcript().finals().get(0).startS()).isBetween(0.0, 0.5);
        assertThat(vm.errorProperty().get()).isEmpty();
        List<Double> inference = events.stream()
                .filter(StreamEvent::hasDecode)
                .map(e -> e.getTimings().getInferenceMs())
                .toList();
        assertThat(inference).isNotEmpty();
        await().atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(vm.latency().series(LatencyMetric.INFERENCE).points().stream()
                                .map(LatencySample::valueMs)
                                .toList())
                        .isEqualTo(inference));
        assertThat(vm.latency().series(LatencyMetric.CHUNK_ROUND_TRIP).points()).isNotEmpty();
    }

    @Test
    void workerThatFailsToStartIsReportedNotThrown() throws Exception {
        ConsoleViewModel vm = console(
                settings -> {
                    throw new java.io.IOException("model file is truncated (expected 75 MB, found 3 KB)");
                },
                withModelAndRecording());
        await().atMost(Duration.ofSeconds(5))
                .until(() -> vm.workerStateProperty().get() == WorkerState.FAILED);
        assertThat(vm.errorProperty().get())
                .isEqualTo("Could not start the voice worker: model file is truncated (expected 75 MB, found 3 KB)");
        assertThat(vm.dictation().canToggleProperty().get()).isFalse();
        assertThat(vm.health().warnings())
                .singleElement()
                .extracting(dev.voiceconsole.ui.health.HealthWarning::sentence)
                .isEqualTo(vm.errorProperty().get());
    }

    @Test
    void missingMicrophoneIsReportedWhenDictationStarts() throws Exception {
        ConsoleViewModel vm =
                console(new ToneWorkerProvider(), withModelAndRecording().withDevice(""));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> vm.workerStateProperty().get() == WorkerState.READY);
        vm.dictation().start();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !vm.errorProperty().get().isEmpty());
        assertThat(vm.errorProperty().get())
                .startsWith("Could not start dictation: microphone capture is not available");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> vm.dictation().canToggleProperty().get());
        assertThat(vm.dictation().dictatingProperty().get()).isFalse();
    }

    @Test
    void firstRunWaitsForAModelAndStartsOnceOneIsChosen() throws Exception {
        ToneWorkerProvider workers = new ToneWorkerProvider();
        ConsoleViewModel vm = console(workers, UiSettings.defaults());
        assertThat(vm.workerStateProperty().get()).isEqualTo(WorkerState.NO_MODEL);
        assertThat(vm.statusProperty().get()).contains("choose a model file");
        assertThat(vm.dictation().canToggleProperty().get()).isFalse();

        vm.chooseModel(dir.resolve("missing.bin"));
        assertThat(vm.errorProperty().get()).contains("does not exist");
        assertThat(workers.started).hasValue(0);

        Path model = Files.writeString(dir.resolve("model.bin"), "x");
        vm.chooseModel(model);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> vm.workerStateProperty().get() == WorkerState.READY);
        assertThat(new SettingsStore(dir.resolve("settings.json"))
                        .load()
                        .settings()
                        .model())
                .isEqualTo(model.toAbsolutePath().toString());
        assertThat(vm.dictation().canToggleProperty().get()).isTrue();
    }
}
