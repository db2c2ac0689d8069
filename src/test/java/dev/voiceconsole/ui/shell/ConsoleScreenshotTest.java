package dev.voiceconsole.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voiceconsole.audio.WavWriter;
import dev.voiceconsole.capture.source.AudioSources;
import dev.voiceconsole.settings.SettingsStore;
import dev.voiceconsole.settings.UiSettings;
import dev.voiceconsole.settings.UserData;
import dev.voiceconsole.testing.WindowTest;
import dev.voiceconsole.ui.latency.LatencyMetric;
import dev.voiceconsole.worker.policy.ToneScript;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TabPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Screenshots of the real main window after a short dictation (a tone-word worker hears a recording), in the light
 * and the dark theme, on the Transcript and the Latency tab. They land in {@code target/screenshots}; the
 * {@code docs} profile ({@code mvn -B -Pdocs test}) points {@value #DIR_PROPERTY} at {@code docs/images}, where
 * the README's pictures live.
 */
@WindowTest
class ConsoleScreenshotTest {

    static final String DIR_PROPERTY = "docs.screenshots.dir";
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final List<String> SENTENCES =
            List.of("alpha bravo charlie delta", "echo foxtrot golf", "hotel india juliet");

    @TempDir
    Path dir;

    private final FxRobot robot = new FxRobot();
    private VoiceConsoleApp app;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void closeWindow() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
    }

    private static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get();
    }

    private Path recording() throws Exception {
        ToneScript script = new ToneScript().pause(300);
        for (String sentence : SENTENCES) {
            script.sentence(220, 50, 800, sentence.split(" "));
        }
        Path wav = dir.resolve("dictation.wav");
        WavWriter.write(wav, 16_000, script.samples());
        return wav;
    }

    @Test
    void mainWindowRendersTranscriptAndChartsInBothThemes() throws Exception {
        Path model = Files.writeString(dir.resolve("ggml-base.en.bin"), "the tone engine needs no weights");
        SettingsStore store = new SettingsStore(dir.resolve("config/settings.json"));
        store.save(UiSettings.defaults()
                .withModel(model.toString())
                .withMode("embedded")
                .withDevice("file:" + recording()));
        UiDependencies deps = new UiDependencies(
                new ToneWorkerProvider(),
                AudioSources.withFiles(AudioSources.noMicrophone()),
                store,
                null,
                new UserData(dir.resolve("models"), java.util.Optional.empty(), java.util.Optional.empty()),
                false);
        app = (VoiceConsoleApp) FxToolkit.setupApplication(() -> new VoiceConsoleApp(deps));
        ConsoleViewModel console = app.console();
        Button dictate = robot.lookup("#dictateButton").query();
        await().atMost(PATIENCE).until(() -> !dictate.isDisabled());

        robot.clickOn(dictate);
        await().atMost(PATIENCE)
                .until(() -> onFx(() -> console.transcript().finals().size() == SENTENCES.size()
                        && !console.dictation().dictatingProperty().get()
                        && !console.latency()
                                .series(LatencyMetric.INFERENCE)
                                .points()
                                .isEmpty()));

        TabPane tabs = robot.lookup("#tabs").query();
        Scene scene = tabs.getScene();
        Path out = Path.of(System.getProperty(DIR_PROPERTY, "target/screenshots"));
        Map<String, Screenshots.Stats> shots = new LinkedHashMap<>();
        for (String theme : UiSettings.THEMES) {
            robot.interact(() -> {
                console.settingsForm().themeProperty().set(theme);
                assertThat(console.applySettingsForm()).isTrue();
            });
            for (String tab : List.of("Transcript", "Latency")) {
                robot.interact(() -> tabs.getTabs().stream()
                        .filter(t -> t.getText().equals(tab))
                        .findFirst()
                        .ifPresent(t -> tabs.getSelectionModel().select(t)));
                BufferedImage image = Screenshots.snapshot(scene);
                String name = "console-" + tab.toLowerCase(Locale.ROOT) + "-" + theme;
                Screenshots.writePng(image, out.resolve(name + ".png"));
                shots.put(name, Screenshots.stats(image));
            }
        }
        assertThat(console.errorProperty().get()).isEmpty();

        int width = (int) Math.round(onFx(scene::getWidth));
        int height = (int) Math.round(onFx(scene::getHeight));
        assertThat(shots).hasSize(4).allSatisfy((name, s) -> {
            assertThat(s.width()).as(name).isEqualTo(width);
            assertThat(s.height()).as(name).isEqualTo(height);
            assertThat(s.distinctColours())
                    .as(name + ": colours (antialiased text and chart lines)")
                    .isGreaterThan(64);
            assertThat(s.luminanceSpread()).as(name + ": luminance spread").isGreaterThan(0.03);
        });
        for (String tab : List.of("transcript", "latency")) {
            Screenshots.Stats light = shots.get("console-" + tab + "-light");
            Screenshots.Stats dark = shots.get("console-" + tab + "-dark");
            assertThat(light.meanLuminance() - dark.meanLuminance())
                    .as(tab + ": light is brighter than dark")
                    .isGreaterThan(0.3);
        }
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.filter(p -> p.toString().endsWith(".png")).count()).isGreaterThanOrEqualTo(4);
        }
    }
}
