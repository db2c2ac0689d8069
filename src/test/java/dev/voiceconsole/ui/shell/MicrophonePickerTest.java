package dev.voiceconsole.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voiceconsole.capture.source.AudioSource;
import dev.voiceconsole.capture.source.AudioSourceFactory;
import dev.voiceconsole.capture.source.AudioSources;
import dev.voiceconsole.settings.SettingsStore;
import dev.voiceconsole.settings.UiSettings;
import dev.voiceconsole.testing.WorkerTest;
import dev.voiceconsole.ui.common.BackgroundTasks;
import dev.voiceconsole.ui.common.UiExecutor;
import dev.voiceconsole.ui.settings.SettingsViewModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings' Device picker and the dropped-blocks counter, through the ViewModels (no window). */
@WorkerTest
class MicrophonePickerTest {

    @TempDir
    Path dir;

    private ConsoleViewModel console;

    @AfterEach
    void close() {
        if (console != null) {
            console.close();
        }
    }

    /** Microphones as a sound system would list them; which thread asked is remembered. */
    private static final class ListedMicrophones implements AudioSourceFactory {
        final AtomicReference<List<String>> names = new AtomicReference<>(List.of());
        final List<String> askedOn = new CopyOnWriteArrayList<>();

        @Override
        public AudioSource open(UiSettings settings) throws IOException {
            throw new IOException("not opened in this test");
        }

        @Override
        public List<String> deviceNames() {
            askedOn.add(Thread.currentThread().getName());
            return names.get();
        }
    }

    private ConsoleViewModel console(AudioSourceFactory audio, UiSettings settings) throws IOException {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        store.save(settings);
        console = new ConsoleViewModel(
                new ToneWorkerProvider(), audio, store, UiExecutor.direct(), BackgroundTasks.threads());
        console.initialize();
        return console;
    }

    @Test
    void microphonesAreListedOffTheUiThreadBehindTheDefaultChoiceAndRefreshedOnRequest() throws Exception {
        ListedMicrophones microphones = new ListedMicrophones();
        microphones.names.set(List.of("default [default]", "USB Audio [plughw:1,0]"));
        ConsoleViewModel vm = console(AudioSources.withFiles(microphones), UiSettings.defaults());

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(vm.settingsForm().deviceChoices())
                        .containsExactly("(default)", "default [default]", "USB Audio [plughw:1,0]"));
        assertThat(microphones.askedOn).containsOnly("console-background");

        microphones.names.set(List.of("default [default]", "USB Audio [plughw:1,0]", "Headset [plughw:2,0]"));
        vm.refreshMicrophones();
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(vm.settingsForm().deviceChoices())
                        .containsExactly(
                                "(default)", "default [default]", "USB Audio [plughw:1,0]", "Headset [plughw:2,0]"));
    }

    @Test
    void defaultChoiceIsStoredAsAnEmptyDeviceWhileNamesAndRecordingsPassThrough() {
        SettingsViewModel form = new SettingsViewModel();
        form.load(UiSettings.defaults());
        assertThat(form.deviceProperty().get()).isEqualTo("(default)");
        assertThat(form.toSettings()).get().extracting(UiSettings::device).isEqualTo("");

        form.deviceProperty().set("USB Audio [plughw:1,0]");
        assertThat(form.toSettings()).get().extracting(UiSettings::device).isEqualTo("USB Audio [plughw:1,0]");
        form.deviceProperty().set(" file:/recordings/meeting.wav ");
        assertThat(form.toSettings()).get().extracting(UiSettings::device).isEqualTo("file:/recordings/meeting.wav");

        form.load(UiSettings.defaults().withDevice("USB Audio [plughw:1,0]"));
        assertThat(form.deviceProperty().get()).isEqualTo("USB Audio [plughw:1,0]");
    }

    /** Delivers 20 ms silence blocks on its own thread and reports every third one as dropped, as capture would. */
    private static final class DroppingSource implements AudioSource {
        private final int blocks;
        private volatile long dropped;
        private volatile boolean stopped;
        private Thread thread;

        DroppingSource(int blocks) {
            this.blocks = blocks;
        }

        @Override
        public synchronized void start(Consumer consumer) {
            thread = new Thread(
                    () -> {
                        for (int i = 1; i <= blocks && !stopped; i++) {
                            if (i % 3 == 0) {
                                dropped++;
                                continue;
                            }
                            consumer.onBlock(new byte[640], System.currentTimeMillis() * 1000, Float.NEGATIVE_INFINITY);
                        }
                        consumer.onEnd(null);
                    },
                    "dropping-source");
            thread.start();
        }

        @Override
        public void stop() {
            stopped = true;
            Thread t = thread;
            if (t != null && t != Thread.currentThread()) {
                try {
                    t.join(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public long droppedBlocks() {
            return dropped;
        }

        @Override
        public int sampleRate() {
            return 16_000;
        }

        @Override
        public String description() {
            return "dropping test source";
        }
    }

    @Test
    void blocksTheSourceDroppedAreCountedForTheToolbarAndResetByTheNextDictation() throws Exception {
        Path model = Files.writeString(dir.resolve("model.bin"), "tone engine needs no weights");
        List<DroppingSource> sources = new CopyOnWriteArrayList<>();
        ConsoleViewModel vm = console(
                settings -> {
                    DroppingSource s = new DroppingSource(sources.isEmpty() ? 30 : 4);
                    sources.add(s);
                    return s;
                },
                UiSettings.defaults().withModel(model.toString()));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> vm.dictation().canToggleProperty().get());

        vm.dictation().start();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> sources.size() == 1
                        && !vm.dictation().dictatingProperty().get()
                        && !vm.dictation().busyProperty().get());
        assertThat(vm.dictation().droppedBlocksProperty().get()).isEqualTo(10);
        assertThat(vm.errorProperty().get()).isEmpty();

        vm.dictation().start();
        assertThat(vm.dictation().droppedBlocksProperty().get())
                .as("a new dictation starts counting afresh")
                .isZero();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> sources.size() == 2
                        && !vm.dictation().dictatingProperty().get()
                        && !vm.dictation().busyProperty().get());
        assertThat(vm.dictation().droppedBlocksProperty().get()).isEqualTo(1);
    }
}
