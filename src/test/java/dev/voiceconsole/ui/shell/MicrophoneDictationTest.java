package dev.voiceconsole.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voiceconsole.capture.VirtualMicrophone;
import dev.voiceconsole.capture.source.AudioSources;
import dev.voiceconsole.capture.source.MicrophoneAudioSource;
import dev.voiceconsole.settings.SettingsStore;
import dev.voiceconsole.settings.UiSettings;
import dev.voiceconsole.testing.MicrophoneTest;
import dev.voiceconsole.transcript.TranscriptSegment;
import dev.voiceconsole.ui.common.BackgroundTasks;
import dev.voiceconsole.ui.common.UiExecutor;
import dev.voiceconsole.ui.common.WorkerState;
import dev.voiceconsole.worker.policy.ToneWordEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dictation as a user does it, microphone included: tones played into a PulseAudio virtual microphone are captured
 * by javax.sound, streamed by the console's dictation to a real embedded worker, and come back as final text (the
 * tone engine turns each tone into a word, since no real model can be used here).
 */
@MicrophoneTest
class MicrophoneDictationTest {

    @TempDir
    Path dir;

    private VirtualMicrophone microphone;
    private ConsoleViewModel console;

    @AfterEach
    void close() throws Exception {
        if (console != null) {
            console.close();
        }
        if (microphone != null) {
            microphone.close();
        }
    }

    @Test
    void wordsSpokenIntoTheMicrophoneBecomeFinalText() throws Exception {
        microphone = VirtualMicrophone.start();
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        Path model = Files.writeString(dir.resolve("model.bin"), "tone engine needs no weights");
        store.save(UiSettings.defaults().withModel(model.toString()).withDevice(""));
        console = new ConsoleViewModel(
                new ToneWorkerProvider(),
                AudioSources.withFiles(MicrophoneAudioSource::open),
                store,
                UiExecutor.direct(),
                BackgroundTasks.threads());
        console.initialize();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> console.workerStateProperty().get() == WorkerState.READY);

        console.dictation().start();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> console.dictation().dictatingProperty().get());
        speak("alpha", "charlie", "echo");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !console.transcript().finals().isEmpty());
        console.dictation().stop();

        assertThat(console.transcript().finals())
                .extracting(TranscriptSegment::text)
                .containsExactly("alpha charlie echo");
        assertThat(console.errorProperty().get()).isEmpty();
    }

    /** Plays each word's tone for 300 ms with 80 ms gaps, then silence long enough for the VAD to end the utterance. */
    private void speak(String... words) {
        for (String word : words) {
            microphone.play(ToneWordEngine.FREQUENCIES.get(word), -12);
            holdFor(300);
            microphone.silence();
            holdFor(80);
        }
    }

    /** Audio duration, not synchronization: the microphone plays in real time. */
    private static void holdFor(long millis) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (long left; (left = until - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(left);
        }
    }
}
