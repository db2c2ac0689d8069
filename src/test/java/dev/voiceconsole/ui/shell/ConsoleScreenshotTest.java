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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Screenshots of the real main window after a short dictation (a tone-word worker hears a recording): every tab, in
 * the light and the dark theme, at 1280x800 and at the window's minimum size, each checked for labels cut short and
 * controls clipped ({@link LayoutFaults}). They land in {@code target/screenshots}; the
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

    /** The WCAG contrast ratio of a text field's prompt text against the field's own background (FX thread). */
    private static double promptContrast(javafx.scene.control.TextField field) {
        javafx.scene.text.Text prompt = field.lookupAll(".text").stream()
                .filter(n -> n instanceof javafx.scene.text.Text t
                        && field.getPromptText().equals(t.getText()))
                .map(javafx.scene.text.Text.class::cast)
                .findFirst()
                .orElseThrow();
        var fills = field.getBackground().getFills();
        double a = relativeLuminance(colour(prompt.getFill()));
        double b = relativeLuminance(colour(fills.get(fills.size() - 1).getFill()));
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }

    /** A paint's colour; of a gradient (Modena's fields are one), where it ends, behind the text. */
    private static javafx.scene.paint.Color colour(javafx.scene.paint.Paint paint) {
        if (paint instanceof javafx.scene.paint.LinearGradient g) {
            return g.getStops().get(g.getStops().size() - 1).getColor();
        }
        return (javafx.scene.paint.Color) paint;
    }

    private static double relativeLuminance(javafx.scene.paint.Color c) {
        double[] rgb = {c.getRed(), c.getGreen(), c.getBlue()};
        for (int i = 0; i < 3; i++) {
            rgb[i] = rgb[i] <= 0.03928 ? rgb[i] / 12.92 : Math.pow((rgb[i] + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
    }

    @Test
    void everyTabRendersInBothThemesAtFullAndMinimumSizeWithNothingCutShortOrClipped() throws Exception {
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
                new UserData(
                        dir.resolve("models"),
                        java.util.Optional.of(dir.resolve("journal.db")),
                        java.util.Optional.empty()),
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
        Stage stage = (Stage) scene.getWindow();
        Path out = Path.of(System.getProperty(DIR_PROPERTY, "target/screenshots"));
        Map<String, Screenshots.Stats> shots = new LinkedHashMap<>();
        List<String> faults = new ArrayList<>();
        List<double[]> sizes =
                List.of(new double[] {1280, 800}, new double[] {stage.getMinWidth(), stage.getMinHeight()});
        for (String theme : UiSettings.THEMES) {
            robot.interact(() -> {
                console.settingsForm().themeProperty().set(theme);
                assertThat(console.applySettingsForm()).isTrue();
            });
            for (double[] size : sizes) {
                robot.interact(() -> {
                    // At the origin: Monocle's headless screen is 1280x800, and a window reaching past it makes
                    // its painter overflow the screen buffer (BufferOverflowException on the render thread).
                    stage.setX(0);
                    stage.setY(0);
                    stage.setWidth(size[0]);
                    stage.setHeight(size[1]);
                });
                String suffix = size[0] == 1280 ? "" : "-small";
                for (Tab tab : tabs.getTabs()) {
                    robot.interact(() -> tabs.getSelectionModel().select(tab));
                    if (tab.getId().equals("tabJournal")) {
                        double ratio = onFx(() ->
                                promptContrast(robot.lookup("#journalSearch").query()));
                        assertThat(ratio)
                                .as(theme + ": the search field's prompt against its background (WCAG AA: 4.5)")
                                .isGreaterThanOrEqualTo(4.5);
                    }
                    String name = "console-" + tab.getText().toLowerCase(Locale.ROOT) + "-" + theme + suffix;
                    BufferedImage image = Screenshots.snapshot(scene);
                    Screenshots.writePng(image, out.resolve(name + ".png"));
                    shots.put(name, Screenshots.stats(image));
                    onFx(() -> LayoutFaults.in(scene)).forEach(f -> faults.add(name + ": " + f));
                }
            }
        }
        assertThat(console.errorProperty().get()).isEmpty();

        int tabCount = onFx(() -> tabs.getTabs().size());
        assertThat(tabCount)
                .as("Transcript, Latency, Journal, Models, Health, Settings")
                .isEqualTo(6);
        assertThat(shots).hasSize(tabCount * 2 * UiSettings.THEMES.size()).allSatisfy((name, s) -> {
            assertThat(s.width()).as(name).isEqualTo(name.endsWith("-small") ? (int) sizes.get(1)[0] : 1280);
            assertThat(s.height()).as(name).isEqualTo(name.endsWith("-small") ? (int) sizes.get(1)[1] : 800);
            assertThat(s.distinctColours())
                    .as(name + ": colours (antialiased text and chart lines)")
                    .isGreaterThan(64);
            assertThat(s.luminanceSpread()).as(name + ": luminance spread").isGreaterThan(0.03);
        });
        shots.forEach((name, light) -> {
            if (name.contains("-light")) {
                Screenshots.Stats dark = shots.get(name.replace("-light", "-dark"));
                assertThat(light.meanLuminance() - dark.meanLuminance())
                        .as(name + ": light is brighter than dark")
                        .isGreaterThan(0.3);
            }
        });
        assertThat(faults).as("labels cut short and controls clipped").isEmpty();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.filter(p -> p.toString().endsWith(".png")).count()).isGreaterThanOrEqualTo(4);
        }
    }
}
