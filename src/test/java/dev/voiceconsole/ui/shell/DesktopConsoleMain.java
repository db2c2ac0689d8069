package dev.voiceconsole.ui.shell;

import dev.voiceconsole.app.LocalWorkerProvider;
import dev.voiceconsole.audio.WavWriter;
import dev.voiceconsole.capture.source.AudioSources;
import dev.voiceconsole.engine.HeldOutSpeech;
import dev.voiceconsole.settings.SettingsStore;
import dev.voiceconsole.settings.UiSettings;
import dev.voiceconsole.settings.UserData;
import dev.voiceconsole.ui.common.NoFilePicker;
import dev.voiceconsole.worker.policy.ToneScript;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The real console (VoiceConsoleApp with its desktop integration: global hotkeys, text output) in a JVM of its own,
 * so the native hook and the typing tools see the test's X display. Its window is on a headless Monocle screen, so
 * it never takes the X focus from the application under the test's keys; the worker is the real embedded pipeline
 * with the tone-word engine, the microphone a WAV of one sentence followed by silence (dictation keeps running
 * until a hotkey stops it).
 *
 * <p>With a fifth argument "fixture", the worker is instead the production embedded worker with the trained fixture
 * model, and the recording one held-out sentence spoken by espeak-ng.
 *
 * <p>Args: working directory, push-to-talk key, toggle key, text output[, fixture]. Prints "worker READY", "desktop ...",
 * "dictating true|false", "pill shown|hidden", "pill words TEXT", "final TEXT", "error TEXT"; "quit" on stdin closes the window and exits.
 */
public final class DesktopConsoleMain {

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Path dir = Path.of(args[0]);
        boolean fixture = args.length > 4 && args[4].equals("fixture");
        Path wav = dir.resolve("sentence-then-silence.wav");
        Path model;
        if (fixture) {
            model = HeldOutSpeech.MODEL.toAbsolutePath();
            float[] speech =
                    HeldOutSpeech.utterance(HeldOutSpeech.entries().get(0), dir).samples();
            WavWriter.write(wav, 16_000, java.util.Arrays.copyOf(speech, speech.length + 8 * 16_000));
        } else {
            model = Files.writeString(dir.resolve("model.bin"), "the tone engine needs no weights");
            WavWriter.write(
                    wav,
                    16_000,
                    new ToneScript()
                            .pause(300)
                            .sentence(260, 60, 900, ToneRecordings.SENTENCE.split(" "))
                            .pause(8000)
                            .samples());
        }
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        store.save(UiSettings.defaults()
                .withModel(model.toString())
                .withDevice("file:" + wav)
                .withMode("embedded")
                .withDesktop(args[1], args[2], args[3]));
        UiDependencies deps = new UiDependencies(
                fixture ? new LocalWorkerProvider() : new ToneWorkerProvider(),
                AudioSources.withFiles(AudioSources.noMicrophone()),
                store,
                new NoFilePicker(),
                new UserData(dir.resolve("models"), Optional.of(dir.resolve("journal.db")), Optional.empty()),
                true);

        CountDownLatch closed = new CountDownLatch(1);
        Stage[] stage = new Stage[1];
        Platform.startup(() -> {
            VoiceConsoleApp app = new VoiceConsoleApp(deps);
            stage[0] = new Stage();
            stage[0].setOnHidden(e -> {
                app.stop();
                closed.countDown();
            });
            app.start(stage[0]);
            ConsoleViewModel console = app.console();
            console.workerStateProperty().addListener((o, was, now) -> out.println("worker " + now));
            console.dictation().dictatingProperty().addListener((o, was, now) -> out.println("dictating " + now));
            app.pill()
                    .showingProperty()
                    .addListener((o, was, now) -> out.println("pill " + (now ? "shown" : "hidden")));
            app.pill().wordsShown().addListener((o, was, now) -> out.println("pill words " + now));
            console.errorProperty().addListener((o, was, now) -> {
                if (!now.isEmpty()) {
                    out.println("error " + now);
                }
            });
            console.settingsForm()
                    .desktopStatusProperty()
                    .addListener((o, was, now) -> out.println("desktop " + now.replace("\n", " | ")));
            console.transcript().finals().addListener((javafx.collections.ListChangeListener<
                            dev.voiceconsole.transcript.TranscriptSegment>)
                    c -> {
                        while (c.next()) {
                            c.getAddedSubList().forEach(s -> out.println("final " + s.text()));
                        }
                    });
        });
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null && !line.equals("quit"); ) {
            // the test drives everything through the X display; stdin only ends the run
        }
        Platform.runLater(() -> stage[0].hide());
        closed.await();
        out.println("closed");
        Platform.exit();
    }
}
