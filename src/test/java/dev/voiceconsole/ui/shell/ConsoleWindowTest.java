package dev.voiceconsole.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.voiceconsole.app.LocalWorkerProvider;
import dev.voiceconsole.audio.TestSignals;
import dev.voiceconsole.audio.WavWriter;
import dev.voiceconsole.capture.source.AudioSources;
import dev.voiceconsole.client.WorkerProvider;
import dev.voiceconsole.engine.WeightlessModelWriter;
import dev.voiceconsole.proto.v1.StreamEvent;
import dev.voiceconsole.settings.SettingsStore;
import dev.voiceconsole.settings.UiSettings;
import dev.voiceconsole.settings.UserData;
import dev.voiceconsole.settings.WorkerOptions;
import dev.voiceconsole.sidecar.SidecarCommandLine;
import dev.voiceconsole.testing.WindowTest;
import dev.voiceconsole.transcript.TranscriptSegment;
import dev.voiceconsole.ui.common.FilePicker;
import dev.voiceconsole.ui.common.WorkerState;
import dev.voiceconsole.ui.files.FileTranscriptionViewModel;
import dev.voiceconsole.ui.latency.LatencyMetric;
import dev.voiceconsole.ui.latency.LatencyViewModel;
import dev.voiceconsole.ui.models.ModelManagerViewModel;
import dev.voiceconsole.ui.settings.SettingsViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DataFormat;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the real console window on a headless Monocle screen, with a real embedded (tone-engine) worker behind it. */
@WindowTest
class ConsoleWindowTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private final FxRobot robot = new FxRobot();
    private VoiceConsoleApp app;
    private Path model;
    private Path recordingToOpen;
    /** The name the last transcript dialog suggested. */
    private volatile String suggestedName;

    private java.net.URI modelMirror;
    /** The models offered; null: the standard catalog (from {@link #modelMirror} when set). */
    private dev.voiceconsole.models.ModelCatalog catalog;

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

    /** File dialogs answer with a prepared model; saves are not exercised through dialogs here. */
    private final class PreparedFiles implements FilePicker {
        @Override
        public Optional<Path> chooseModel(Window owner, Path folder) {
            return Optional.of(model);
        }

        @Override
        public Optional<Path> chooseTranscriptTarget(Window owner, String suggested) {
            suggestedName = suggested;
            return Optional.of(dir.resolve("transcript.srt"));
        }

        @Override
        public Optional<Path> chooseCsvTarget(Window owner) {
            return Optional.of(dir.resolve("latency.csv"));
        }

        @Override
        public Optional<Path> chooseRecording(Window owner) {
            return Optional.ofNullable(recordingToOpen);
        }
    }

    private VoiceConsoleApp open(WorkerProvider workers, UiSettings settings) throws Exception {
        model = Files.writeString(dir.resolve("model.bin"), "the tone engine needs no weights");
        SettingsStore store = new SettingsStore(dir.resolve("config/settings.json"));
        store.save(settings);
        UiDependencies deps = new UiDependencies(
                workers,
                AudioSources.withFiles(AudioSources.noMicrophone()),
                store,
                new PreparedFiles(),
                new UserData(
                        dir.resolve("data/models"),
                        Optional.of(dir.resolve("data/journal.db")),
                        catalog != null
                                ? catalog
                                : dev.voiceconsole.models.ModelCatalog.standard(Optional.ofNullable(modelMirror))),
                false);
        app = (VoiceConsoleApp) FxToolkit.setupApplication(() -> new VoiceConsoleApp(deps));
        return app;
    }

    private UiSettings ready(Path recording) {
        return UiSettings.defaults()
                .withModel(dir.resolve("model.bin").toString())
                .withDevice("file:" + recording);
    }

    @SuppressWarnings("TypeParameterUnusedInFormals") // as TestFX's own NodeQuery.query(): the caller names the type
    private <T extends Node> T node(String id) {
        return robot.lookup(id).query();
    }

    private static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get();
    }

    private static List<Double> chartValues(LineChart<Number, Number> chart) {
        return chart.getData().get(0).getData().stream()
                .map(XYChart.Data::getYValue)
                .map(Number::doubleValue)
                .toList();
    }

    @Test
    void dictationShowsPartialsThenTheFinalAndChartsTheEventsTimings() throws Exception {
        open(new ToneWorkerProvider(), ready(ToneRecordings.sentence(dir)));
        List<StreamEvent> events = new CopyOnWriteArrayList<>();
        app.console().dictation().addEventListener(events::add);
        List<String> liveLines = new CopyOnWriteArrayList<>();
        Text stable = node("#stableText");
        Text unstable = node("#unstableText");
        robot.interact(() -> {
            stable.textProperty().addListener((o, was, now) -> liveLines.add(now + "|" + unstable.getText()));
            unstable.textProperty().addListener((o, was, now) -> liveLines.add(stable.getText() + "|" + now));
        });
        Button dictate = node("#dictateButton");
        await().atMost(PATIENCE).until(() -> !dictate.isDisabled());
        assertThat(dictate.getText()).isEqualTo("Start dictation");
        // Before anything is measured, each chart says what will fill it instead of drawing an empty scale.
        Label emptyInference = node("#empty-inference");
        assertThat(onFx(() -> List.of(emptyInference.isVisible(), ((Node) node("#chart-inference")).isVisible())))
                .containsExactly(true, false);
        assertThat(onFx(emptyInference::getText))
                .isEqualTo("No samples yet: one is taken for every decode while you dictate.");

        robot.clickOn(dictate);
        await().atMost(PATIENCE).until(() -> onFx(dictate::getText).equals("Stop dictation"));

        ListView<TranscriptSegment> finals = node("#finalsList");
        await().atMost(PATIENCE)
                .until(() -> onFx(() -> finals.getItems().size()) == 1
                        && onFx(() ->
                                !app.console().dictation().dictatingProperty().get()));
        assertThat(onFx(() -> finals.getItems().get(0).text())).isEqualTo(ToneRecordings.SENTENCE);
        assertThat(liveLines).as("partial text streamed before the final").anyMatch(l -> !l.equals("|"));
        assertThat(liveLines.get(liveLines.size() - 1))
                .as("the live line settled into the list")
                .isEqualTo("|");
        assertThat(onFx(unstable::getStyleClass)).contains("unstable-text");
        assertThat(events.stream().filter(StreamEvent::hasPartial)).isNotEmpty();

        List<Double> inference = events.stream()
                .filter(StreamEvent::hasDecode)
                .map(e -> e.getTimings().getInferenceMs())
                .toList();
        List<Double> queueWait = events.stream()
                .filter(StreamEvent::hasDecode)
                .map(e -> e.getTimings().getQueueWaitMs())
                .toList();
        LineChart<Number, Number> inferenceChart = node("#chart-inference");
        LineChart<Number, Number> queueChart = node("#chart-queue_wait");
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(onFx(() -> chartValues(inferenceChart))).isEqualTo(inference);
            assertThat(onFx(() -> chartValues(queueChart))).isEqualTo(queueWait);
        });
        Label summary = node("#summary-inference");
        assertThat(onFx(summary::getText)).endsWith("(n = " + inference.size() + ")");
        assertThat(onFx(() -> List.of(emptyInference.isVisible(), inferenceChart.isVisible())))
                .containsExactly(false, true);
        // The x axis tells the time of day of each sample.
        double firstAt = onFx(() -> app.console()
                .latency()
                .series(LatencyMetric.INFERENCE)
                .points()
                .get(0)
                .atS());
        String tick = onFx(() ->
                ((NumberAxis) inferenceChart.getXAxis()).getTickLabelFormatter().toString(firstAt));
        java.time.Instant sampledAt = app.console().latency().wallClockAt(firstAt);
        assertThat(java.time.Duration.between(sampledAt, java.time.Instant.now())
                        .abs())
                .isLessThan(Duration.ofMinutes(1));
        assertThat(tick)
                .isEqualTo(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
                        .withZone(java.time.ZoneId.systemDefault())
                        .format(sampledAt));
        assertThat(onFx(() -> ((LineChart<?, ?>) node("#chart-chunk_round_trip"))
                        .getData()
                        .get(0)
                        .getData()))
                .isNotEmpty();
        // One sentence, so the headline's p50 is its speech end → final time; read together, from one publish.
        LatencyViewModel.Series toText = app.console().latency().series(LatencyMetric.SPEECH_END_TO_FINAL);
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            List<Object> shown = onFx(() -> List.of(
                    ((Label) node("#latencyHeadline")).getText(),
                    toText.points().size(),
                    toText.p50Property().get()));
            assertThat(shown.get(1)).isEqualTo(1);
            // The goal as a line across the samples, at 600 ms.
            LineChart<Number, Number> toTextChart = node("#chart-speech_end_to_final");
            assertThat(onFx(() -> toTextChart.getData().get(1).getData().stream()
                            .map(d -> d.getYValue().doubleValue())
                            .toList()))
                    .containsExactly(600.0, 600.0);
            assertThat((String) shown.get(0))
                    .startsWith(String.format(
                            Locale.ROOT,
                            "Time to text: %.2f s (p50 of 1 sentence in the last 60 s)",
                            (double) shown.get(2) / 1000));
        });
    }

    @Test
    void copySaveAndExportHandOverWhatTheWindowShows() throws Exception {
        open(new ToneWorkerProvider(), ready(ToneRecordings.sentence(dir)));
        List<StreamEvent> events = new CopyOnWriteArrayList<>();
        app.console().dictation().addEventListener(events::add);
        Button dictate = node("#dictateButton");
        await().atMost(PATIENCE).until(() -> !dictate.isDisabled());
        robot.clickOn(dictate);
        ListView<TranscriptSegment> finals = node("#finalsList");
        await().atMost(PATIENCE)
                .until(() -> onFx(() -> finals.getItems().size()) == 1
                        && onFx(() ->
                                !app.console().dictation().dictatingProperty().get()));

        robot.interact(() -> Clipboard.getSystemClipboard().setContent(Map.of(DataFormat.PLAIN_TEXT, "before")));
        robot.clickOn("#copyButton");
        assertThat(onFx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(ToneRecordings.SENTENCE + "\n");

        robot.clickOn("#saveButton");
        TranscriptSegment segment = onFx(() -> finals.getItems().get(0));
        // Written off the FX thread, whole (moved into place): it is complete once it is there.
        await().atMost(PATIENCE).until(() -> Files.exists(dir.resolve("transcript.srt")));
        assertThat(Files.readString(dir.resolve("transcript.srt")))
                .isEqualTo("1\n" + srtTime(segment.startS()) + " --> " + srtTime(segment.endS()) + "\n"
                        + ToneRecordings.SENTENCE + "\n\n");

        robot.interact(() -> selectTab("tabLatency"));
        List<Double> inference = events.stream()
                .filter(StreamEvent::hasDecode)
                .map(e -> e.getTimings().getInferenceMs())
                .toList();
        await().atMost(Duration.ofSeconds(3))
                .until(() -> onFx(() -> chartValues(node("#chart-inference"))).size() == inference.size());
        robot.clickOn("#exportCsvButton");
        // Written off the FX thread, whole (moved into place): it is complete once it is there.
        await().atMost(PATIENCE).until(() -> Files.exists(dir.resolve("latency.csv")));
        List<String> csv = Files.readAllLines(dir.resolve("latency.csv"));
        assertThat(csv.get(0)).isEqualTo("metric,time_s,value_ms");
        assertThat(csv.stream()
                        .filter(l -> l.startsWith("inference,"))
                        .map(l -> Double.parseDouble(l.split(",", -1)[2]))
                        .toList())
                .zipSatisfy(
                        inference, (written, measured) -> assertThat(written).isCloseTo(measured, within(0.0005)))
                .hasSameSizeAs(inference);
        assertThat(csv).anyMatch(l -> l.startsWith("chunk_round_trip,"));
        assertThat(onFx(() -> app.console().errorProperty().get())).isEmpty();
    }

    /** SRT's hh:mm:ss,mmm */
    private static String srtTime(double seconds) {
        long ms = Math.round(seconds * 1000);
        return String.format(
                java.util.Locale.ROOT,
                "%02d:%02d:%02d,%03d",
                ms / 3_600_000,
                (ms / 60_000) % 60,
                (ms / 1000) % 60,
                ms % 1000);
    }

    @Test
    void aRecordingOpenedFromTheToolbarIsTranscribedWithProgressIntoTheTranscript() throws Exception {
        Path silence = dir.resolve("silence.wav");
        WavWriter.write(silence, 16_000, new float[16_000]);
        open(new ToneWorkerProvider(), ready(silence));
        Button transcribeFile = node("#transcribeFileButton");
        await().atMost(PATIENCE).until(() -> !transcribeFile.isDisabled());
        List<Double> progress = new CopyOnWriteArrayList<>();
        robot.interact(() -> app.console()
                .fileTranscription()
                .progressProperty()
                .addListener((o, was, now) -> progress.add(now.doubleValue())));

        recordingToOpen = ToneRecordings.sentence(dir);
        robot.clickOn(transcribeFile);
        ListView<TranscriptSegment> finals = node("#finalsList");
        await().atMost(PATIENCE)
                .until(() -> onFx(() -> finals.getItems().size()) == 1
                        && onFx(() -> !app.console()
                                .fileTranscription()
                                .runningProperty()
                                .get()));
        assertThat(onFx(() -> finals.getItems().get(0).text())).isEqualTo(ToneRecordings.SENTENCE);
        assertThat(onFx(() -> ((Label) node("#fileStatus")).getText()))
                .isEqualTo("dictation.wav: 1 segment from " + Math.round(ToneRecordings.seconds(recordingToOpen))
                        + " s of audio.");
        assertThat(progress)
                .as("indeterminate while reading, then decoding progress up to the end")
                .startsWith(FileTranscriptionViewModel.INDETERMINATE)
                .contains(1.0);

        recordingToOpen = Files.writeString(dir.resolve("notes.wav"), "not a recording");
        robot.clickOn(transcribeFile);
        await().atMost(PATIENCE)
                .until(() ->
                        onFx(() -> app.console().errorProperty().get()).startsWith("Could not transcribe notes.wav: "));
        assertThat(onFx(() -> finals.getItems().size()))
                .as("the earlier text is kept")
                .isEqualTo(1);
        await().atMost(PATIENCE)
                .until(
                        () -> onFx(() -> ((Label) node("#fileStatus")).getText()),
                        "notes.wav: not transcribed (the message above says why)."::equals);
    }

    @Test
    void dictationsAndTranscribedFilesLandInTheJournalWhereSearchFindsThem() throws Exception {
        open(new ToneWorkerProvider(), ready(ToneRecordings.sentence(dir)));
        Button dictate = node("#dictateButton");
        await().atMost(PATIENCE).until(() -> !dictate.isDisabled());
        robot.clickOn(dictate);
        await().atMost(PATIENCE)
                .until(() -> onFx(() -> ((ListView<?>) node("#finalsList"))
                                        .getItems()
                                        .size())
                                == 1
                        && onFx(() ->
                                !app.console().dictation().dictatingProperty().get()));
        recordingToOpen = ToneRecordings.sentence(dir);
        robot.clickOn("#transcribeFileButton");
        await().atMost(PATIENCE)
                .until(() -> onFx(() ->
                                ((ListView<?>) node("#finalsList")).getItems().size())
                        == 2);

        robot.interact(() -> selectTab("tabJournal"));
        ListView<dev.voiceconsole.journal.JournalEntry> entries = node("#journalEntries");
        await().atMost(PATIENCE)
                .until(() -> onFx(() -> entries.getItems().size()) == 2
                        && onFx(() -> entries.getItems().stream()
                                .allMatch(e -> e.segments() == 1 && e.ended().isPresent())));
        assertThat(onFx(() -> entries.getItems().stream()
                        .map(dev.voiceconsole.journal.JournalEntry::source)
                        .toList()))
                .as("newest first: the file, then the dictation played from a recording")
                .containsExactly("dictation.wav", "dictation.wav");
        robot.interact(() -> entries.getSelectionModel().select(1));
        ListView<dev.voiceconsole.journal.JournalSegment> segments = node("#journalSegments");
        await().atMost(PATIENCE).until(() -> onFx(() -> segments.getItems().size()) == 1);
        assertThat(onFx(() -> segments.getItems().get(0).text())).isEqualTo(ToneRecordings.SENTENCE);

        robot.clickOn("#journalSearch").write("charl");
        await().atMost(PATIENCE).until(() -> onFx(() -> entries.getItems().size()) == 2);
        // Each entry found lists its matching line, the searched word marked; so does the chosen entry's text.
        await().atMost(PATIENCE)
                .until(() -> onFx(() -> marked("#journalEntries")), m -> m.equals(List.of("charl", "charl")));
        assertThat(onFx(() ->
                        robot
                                .from((Node) node("#journalEntries"))
                                .lookup(".search-text")
                                .queryAllAs(Text.class)
                                .stream()
                                .map(Text::getText)
                                .toList()))
                .containsExactly("alpha bravo ", "ie delta", "alpha bravo ", "ie delta");
        await().atMost(PATIENCE).until(() -> onFx(() -> marked("#journalSegments")), m -> m.equals(List.of("charl")));

        // Copy hands the entry's text over; Export suggests a name of its own and says where the file went.
        robot.interact(() -> Clipboard.getSystemClipboard().setContent(Map.of(DataFormat.PLAIN_TEXT, "before")));
        robot.clickOn("#journalCopy");
        assertThat(onFx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(ToneRecordings.SENTENCE + "\n");
        Label notice = node("#journalNotice");
        assertThat(onFx(notice::getText)).isEqualTo("Copied 1 line to the clipboard.");
        robot.clickOn("#journalExport");
        assertThat(suggestedName).matches("dictation \\d{4}-\\d{2}-\\d{2} \\d{4}\\.txt");
        await().atMost(PATIENCE)
                .until(
                        () -> onFx(notice::getText),
                        t -> t.equals("Exported to " + dir.resolve("transcript.srt") + "."));
        assertThat(Files.readString(dir.resolve("transcript.srt"))).contains(ToneRecordings.SENTENCE);
        robot.interact(() -> ((TextField) node("#journalSearch")).setText("zulu"));
        await().atMost(PATIENCE).until(() -> onFx(() -> entries.getItems().isEmpty()));

        // Written where the app keeps it, so it outlives the window.
        try (var journal = dev.voiceconsole.journal.Journal.open(dir.resolve("data/journal.db"))) {
            assertThat(journal.search("bravo", 10)).hasSize(2);
        }
        assertThat(onFx(() -> app.console().errorProperty().get())).isEmpty();
    }

    @Test
    void aModelDownloadedFromTheModelsTabShowsProgressAndBecomesTheConsolesModel() throws Exception {
        try (dev.voiceconsole.models.ModelServer server = new dev.voiceconsole.models.ModelServer()) {
            byte[] weightless = Files.readAllBytes(WeightlessModelWriter.writeTinyEn(dir.resolve("served.bin")));
            server.put("ggml-tiny.en-q5_1.bin", weightless);
            modelMirror = server.base();
            open(new ToneWorkerProvider(), UiSettings.defaults());
            robot.interact(() -> selectTab("tabModels"));
            javafx.scene.control.TableView<ModelManagerViewModel.ModelRow> table = node("#modelTable");
            // The 13 full-precision models with a word on speed and accuracy; the 17 quantized ones on request.
            await().atMost(PATIENCE).until(() -> onFx(() -> table.getItems().size()) == 13);
            assertThat(onFx(() -> table.getItems().stream()
                            .filter(r -> r.model().quantization().isPresent())
                            .toList()))
                    .isEmpty();
            assertThat(onFx(() -> table.getItems().stream()
                            .filter(r -> r.model().name().equals("base.en"))
                            .map(r -> r.model().speedAndAccuracy() + " | " + r.state())
                            .toList()))
                    .containsExactly("fast · good for dictation | recommended");
            robot.clickOn("#modelsShowAll");
            assertThat(onFx(() -> table.getItems().size())).isEqualTo(30);
            List<Double> progress = new CopyOnWriteArrayList<>();
            robot.interact(() -> {
                app.console().models().progressProperty().addListener((o, was, now) -> progress.add(now.doubleValue()));
                table.getSelectionModel()
                        .select(table.getItems().stream()
                                .filter(r -> r.model().name().equals("tiny.en-q5_1"))
                                .findFirst()
                                .orElseThrow());
            });
            robot.clickOn("#modelDownload");
            Path installed = dir.resolve("data/models/ggml-tiny.en-q5_1.bin");
            await().atMost(PATIENCE)
                    .until(() -> onFx(() ->
                            !app.console().models().downloadingProperty().get()
                                    && table.getItems().stream()
                                            .anyMatch(r -> r.model().name().equals("tiny.en-q5_1")
                                                    && r.installed().isPresent())));
            assertThat(Files.readAllBytes(installed)).isEqualTo(weightless);
            assertThat(progress).contains(1.0);
            assertThat(onFx(() -> ((Label) node("#modelStatus")).getText()))
                    .isEqualTo("tiny.en-q5_1 installed, unverified.");
            assertThat(onFx(() -> table.getSelectionModel().getSelectedItem().state()))
                    .isEqualTo("installed · unverified");
            robot.clickOn("#modelsShowAll");
            assertThat(onFx(() -> table.getItems().stream()
                            .filter(r -> r.model().quantization().isPresent())
                            .map(r -> r.model().name())
                            .toList()))
                    .as("an installed quantized model stays listed")
                    .containsExactly("tiny.en-q5_1");
            robot.clickOn("#modelsShowAll");

            assertThat(onFx(() ->
                            table.getSelectionModel().getSelectedItem().model().name()))
                    .as("still selected after the list refreshed")
                    .isEqualTo("tiny.en-q5_1");
            robot.clickOn("#modelUse");
            await().atMost(PATIENCE)
                    .until(() -> onFx(() -> app.console().workerStateProperty().get()) == WorkerState.READY);
            assertThat(onFx(() -> app.console().settingsProperty().get().model()))
                    .isEqualTo(installed.toAbsolutePath().toString());
            assertThat(onFx(() -> app.console().errorProperty().get())).isEmpty();
            await().atMost(PATIENCE)
                    .until(() -> onFx(() -> table.getItems().stream()
                            .filter(r -> r.model().name().equals("tiny.en-q5_1"))
                            .findFirst()
                            .orElseThrow()
                            .state()
                            .equals("in use · unverified")));
            assertThat(onFx(() -> table.getItems().stream()
                            .filter(r -> r.model().name().equals("base.en"))
                            .findFirst()
                            .orElseThrow()
                            .state()))
                    .isEqualTo("recommended");
        }
    }

    @Test
    void whileDictatingTheWindowAndItsTitleSayListeningWithTheTimeHeard() throws Exception {
        Path silence = dir.resolve("silence.wav");
        WavWriter.write(silence, 16_000, new float[16_000 * 6 + 8_000]);
        open(new ToneWorkerProvider(), ready(silence));
        Button dictate = node("#dictateButton");
        Label indicator = node("#recordingIndicator");
        Label status = node("#statusLabel");
        Label placeholder = node("#transcriptPlaceholder");
        await().atMost(PATIENCE).until(() -> !dictate.isDisabled());
        assertThat(onFx(indicator::isVisible)).isFalse();
        assertThat(onFx(status::getText)).startsWith("Ready: ");
        assertThat(onFx(() -> ((javafx.stage.Stage) indicator.getScene().getWindow()).getTitle()))
                .isEqualTo("VoiceConsole");

        robot.clickOn(dictate);
        // The file source plays at real time: two seconds heard is two seconds on the clock.
        await().atMost(PATIENCE).until(() -> onFx(indicator::getText).equals("● Listening 0:02"));
        assertThat(onFx(indicator::isVisible)).isTrue();
        assertThat(onFx(status::isVisible)).as("no 'Ready' while recording").isFalse();
        assertThat(onFx(() -> ((javafx.stage.Stage) indicator.getScene().getWindow()).getTitle()))
                .matches("● Listening 0:0[2-9] — VoiceConsole");
        assertThat(onFx(placeholder::getText)).startsWith("Listening: speak");

        // The recording ends by itself after 6.5 s, and the dictation with it.
        await().atMost(PATIENCE)
                .until(() -> onFx(
                        () -> !app.console().dictation().dictatingProperty().get()));
        assertThat(onFx(() -> app.console().dictation().heardSecondsProperty().get()))
                .as("whole seconds of the recording heard")
                .isEqualTo(6);
        assertThat(onFx(indicator::isVisible)).isFalse();
        assertThat(onFx(status::isVisible)).isTrue();
        assertThat(onFx(() -> ((javafx.stage.Stage) indicator.getScene().getWindow()).getTitle()))
                .isEqualTo("VoiceConsole");
        assertThat(onFx(placeholder::getText)).startsWith("Press Start dictation");
    }

    @Test
    void aTestModelWithoutWeightsAndADictationThatHeardNothingAreSaidWhereTheUserLooks() throws Exception {
        // The real engine, embedded, with the suite's weightless model: it decodes the speech and writes no text.
        Path weightless = WeightlessModelWriter.writeTinyEn(dir.resolve("weightless.bin"));
        Path recording = ToneRecordings.sentence(dir);
        open(
                new LocalWorkerProvider(),
                UiSettings.defaults()
                        .withModel(weightless.toString())
                        .withMode("embedded")
                        .withDevice("file:" + recording));
        Button dictate = node("#dictateButton");
        Label status = node("#statusLabel");
        Label placeholder = node("#transcriptPlaceholder");
        await().atMost(Duration.ofSeconds(30)).until(() -> onFx(() -> !dictate.isDisabled()));
        assertThat(onFx(status::getText))
                .isEqualTo("Ready: weightless.bin (embedded), a test model without weights: no text will appear");
        assertThat(onFx(placeholder::getText)).startsWith("This is a test model without weights");

        robot.clickOn(dictate);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> onFx(
                        () -> !app.console().dictation().dictatingProperty().get()
                                && !app.console().dictation().busyProperty().get()));
        long heard = onFx(() -> app.console().dictation().heardSecondsProperty().get());
        assertThat(onFx(status::getText))
                .isEqualTo("The recording " + recording.getFileName() + " ended after " + heard
                        + " s; dictation stopped: no speech recognized.");
        assertThat(onFx(() -> ((ListView<?>) node("#finalsList")).getItems())).isEmpty();
    }

    @Test
    void atItsMinimumSizeTheWindowKeepsEveryToolbarControlTheStatusAndTheDismissButtonInSight() throws Exception {
        open(
                settings -> {
                    throw new IllegalStateException("not a whisper model (bad magic 0x00000000) "
                            .repeat(4)
                            .strip());
                },
                ready(dir.resolve("unused.wav")));
        Label error = node("#errorLabel");
        await().atMost(PATIENCE).until(() -> onFx(() -> error.getParent().isVisible()));
        Label status = node("#statusLabel");
        javafx.stage.Stage stage = (javafx.stage.Stage) status.getScene().getWindow();
        assertThat(stage.getMinWidth()).isPositive();
        robot.interact(() -> {
            stage.setWidth(stage.getMinWidth() - 200); // smaller than allowed: the stage keeps its minimum
            stage.setHeight(stage.getMinHeight() - 200);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(stage::getWidth)).isEqualTo(stage.getMinWidth());
        double sceneWidth = onFx(() -> status.getScene().getWidth());

        List<Node> overflowButtons =
                List.copyOf(robot.lookup(".tool-bar-overflow-button").queryAll());
        assertThat(onFx(() -> overflowButtons.stream().filter(Node::isVisible).toList()))
                .as("nothing pushed into the toolbar's overflow menu")
                .isEmpty();
        for (String id : List.of("#dictateButton", "#chooseModelButton", "#transcribeFileButton", "#statusLabel")) {
            Node control = node(id);
            assertThat(onFx(() -> control.localToScene(control.getBoundsInLocal())))
                    .as(id + " inside the window")
                    .satisfies(b -> {
                        assertThat(b.getWidth()).isPositive();
                        assertThat(b.getMaxX()).isLessThanOrEqualTo(sceneWidth);
                    });
        }
        assertThat(onFx(status::getText)).isNotEmpty();
        Button dismiss = node("#dismissErrorButton");
        assertThat(onFx(() -> dismiss.getWidth()))
                .as("Dismiss is not clipped to '…'")
                .isGreaterThanOrEqualTo(onFx(() -> dismiss.prefWidth(-1)));
    }

    @Test
    void shortcutStartsAndStopsDictation() throws Exception {
        Path silence = dir.resolve("silence.wav");
        WavWriter.write(silence, 16_000, new float[16_000 * 20]);
        open(new ToneWorkerProvider(), ready(silence));
        Button dictate = node("#dictateButton");
        await().atMost(PATIENCE).until(() -> !dictate.isDisabled());

        robot.clickOn("#finalsList").type(KeyCode.F9);
        await().atMost(PATIENCE)
                .until(() ->
                        onFx(() -> app.console().dictation().dictatingProperty().get()
                                && !app.console().dictation().busyProperty().get()));
        robot.type(KeyCode.F9);
        await().atMost(PATIENCE)
                .until(() -> onFx(
                        () -> !app.console().dictation().dictatingProperty().get() && !dictate.isDisabled()));
        assertThat(onFx(dictate::getText)).isEqualTo("Start dictation");
        assertThat(onFx(() -> app.console().errorProperty().get())).isEmpty();
    }

    @Test
    void firstRunDownloadsTheRecommendedModelInOneClickWithProgressAndStartsWithIt() throws Exception {
        try (dev.voiceconsole.models.ModelServer server = new dev.voiceconsole.models.ModelServer()) {
            byte[] weightless = Files.readAllBytes(WeightlessModelWriter.writeTinyEn(dir.resolve("served.bin")));
            server.put("ggml-base.en.bin", weightless);
            // The standard entry with the served file's checksum: a weightless file cannot have base.en's.
            String sha1 = java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(weightless));
            catalog = new dev.voiceconsole.models.ModelCatalog(
                    List.of(new dev.voiceconsole.models.CatalogModel(
                            "base.en",
                            java.net.URI.create(server.base() + "/ggml-base.en.bin"),
                            Optional.of("142 MiB"),
                            Optional.of(new dev.voiceconsole.models.Checksum("SHA-1", sha1)))),
                    Optional.of("base.en"));
            ToneWorkerProvider workers = new ToneWorkerProvider();
            open(workers, UiSettings.defaults());
            Node panel = node("#firstRunPanel");
            assertThat(onFx(() -> ((Button) node("#downloadRecommendedCta")).getText()))
                    .isEqualTo("Download base.en (142 MiB), recommended");
            List<String> progressLines = new CopyOnWriteArrayList<>();
            robot.interact(() ->
                    app.console().models().progressTextProperty().addListener((o, was, now) -> progressLines.add(now)));

            robot.clickOn("#downloadRecommendedCta");

            await().atMost(PATIENCE)
                    .until(() -> onFx(() -> app.console().workerStateProperty().get()) == WorkerState.READY);
            Path installed = dir.resolve("data/models/ggml-base.en.bin");
            assertThat(Files.readAllBytes(installed)).isEqualTo(weightless);
            assertThat(onFx(() -> app.console().settingsProperty().get().model()))
                    .isEqualTo(installed.toAbsolutePath().toString());
            assertThat(workers.started).hasValue(1);
            assertThat(onFx(panel::isVisible)).isFalse();
            // the server's size, not the catalog's rounded one
            String mib = String.format(Locale.ROOT, "%.1f", weightless.length / (double) (1 << 20));
            assertThat(progressLines)
                    .contains("Connecting…")
                    .anyMatch(l -> l.startsWith("100 % · " + mib + " of " + mib + " MiB"));
            assertThat(onFx(() -> app.console().errorProperty().get())).isEmpty();
        }
    }

    @Test
    void firstRunLeadsToChoosingAModel() throws Exception {
        ToneWorkerProvider workers = new ToneWorkerProvider();
        open(workers, UiSettings.defaults());
        Node panel = node("#firstRunPanel");
        Button dictate = node("#dictateButton");
        assertThat(panel.isVisible()).isTrue();
        assertThat(dictate.isDisabled()).isTrue();
        assertThat(onFx(() -> ((Label) node("#statusLabel")).getText())).contains("choose a model file");

        robot.clickOn("#chooseModelCta");

        await().atMost(PATIENCE).until(() -> onFx(() -> !panel.isVisible() && !dictate.isDisabled()));
        assertThat(workers.started).hasValue(1);
        assertThat(new SettingsStore(dir.resolve("config/settings.json"))
                        .load()
                        .settings()
                        .model())
                .isEqualTo(model.toAbsolutePath().toString());
    }

    @Test
    void aModelThatFailsToLoadOffersTheLastWorkingOneBackEvenAfterARestart() throws Exception {
        ToneWorkerProvider tone = new ToneWorkerProvider();
        WorkerProvider picky = settings -> {
            if (settings.model().endsWith("broken.bin")) {
                throw new IllegalStateException("not a whisper model (bad magic 0x00000000)");
            }
            return tone.start(settings);
        };
        open(picky, ready(dir.resolve("unused.wav")));
        await().atMost(PATIENCE)
                .until(() -> onFx(() -> app.console().workerStateProperty().get()) == WorkerState.READY);
        Path working = model.toAbsolutePath();
        Button back = node("#rollbackModelButton");
        assertThat(onFx(back::isVisible)).isFalse();

        model = Files.writeString(dir.resolve("broken.bin"), "a download cut short");
        robot.clickOn("#chooseModelButton");
        await().atMost(PATIENCE)
                .until(() -> onFx(() -> app.console().workerStateProperty().get()) == WorkerState.FAILED);
        assertThat(onFx(() -> ((Label) node("#errorLabel")).getText()))
                .isEqualTo("Could not start the voice worker: not a whisper model (bad magic 0x00000000)");
        assertThat(onFx(back::isVisible)).isTrue();
        assertThat(onFx(back::getText)).isEqualTo("Use model.bin again");

        // Restarted with the broken model in its settings, the console still knows the one that worked.
        FxToolkit.cleanupApplication(app);
        open(
                picky,
                ready(dir.resolve("unused.wav"))
                        .withModel(dir.resolve("broken.bin").toString()));
        Button backAgain = node("#rollbackModelButton");
        await().atMost(PATIENCE).until(() -> onFx(backAgain::isVisible));
        assertThat(onFx(backAgain::getText)).isEqualTo("Use model.bin again");

        robot.clickOn("#rollbackModelButton");
        await().atMost(PATIENCE)
                .until(() -> onFx(() -> app.console().workerStateProperty().get()) == WorkerState.READY);
        assertThat(onFx(() -> app.console().settingsProperty().get().model())).isEqualTo(working.toString());
        assertThat(onFx(backAgain::isVisible)).isFalse();
        assertThat(onFx(() -> app.console().errorProperty().get())).isEmpty();
        await().atMost(PATIENCE)
                .until(() -> new SettingsStore(dir.resolve("config/settings.json"))
                        .load()
                        .settings()
                        .model()
                        .equals(working.toString()));
    }

    @Test
    void workerStartFailureIsShownAsAMessage() throws Exception {
        open(
                settings -> {
                    throw new IllegalStateException("not a whisper model (bad magic 0x00000000)");
                },
                ready(dir.resolve("unused.wav")));
        Label error = node("#errorLabel");
        await().atMost(PATIENCE).until(() -> onFx(() -> error.getParent().isVisible()));
        assertThat(onFx(error::getText))
                .isEqualTo("Could not start the voice worker: not a whisper model (bad magic 0x00000000)");
        assertThat(((Button) node("#dictateButton")).isDisabled()).isTrue();
        assertThat(onFx(() ->
                        ((ListView<?>) node("#finalsList")).getPlaceholder() instanceof Label l ? l.getText() : ""))
                .contains("not running");

        org.slf4j.LoggerFactory.getLogger("dev.voiceconsole.elsewhere.Supervisor")
                .warn("sidecar exited with code 3");
        ListView<dev.voiceconsole.ui.health.HealthWarning> warnings = node("#warningsList");
        // Sentences in the panel, each with its time once; the log's level and origin only in the details.
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(onFx(() -> warnings.getItems().stream()
                                .map(dev.voiceconsole.ui.health.HealthWarning::sentence)
                                .toList()))
                        .contains(
                                "Could not start the voice worker: not a whisper model (bad magic 0x00000000)",
                                "Sidecar exited with code 3."));
        showHealthTab();
        robot.interact(() -> Clipboard.getSystemClipboard().setContent(Map.of(DataFormat.PLAIN_TEXT, "before")));
        robot.clickOn("#copyWarningDetails");
        assertThat(onFx(() -> Clipboard.getSystemClipboard().getString()).lines())
                .anyMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d  WARN  Supervisor: sidecar exited with code 3"))
                .anyMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d  Could not start the voice worker: not a whisper"
                        + " model \\(bad magic 0x00000000\\)"));
    }

    @Test
    void dictationErrorIsShownAsAMessage() throws Exception {
        open(new ToneWorkerProvider(), ready(dir.resolve("no-such-recording.wav")));
        Button dictate = node("#dictateButton");
        await().atMost(PATIENCE).until(() -> !dictate.isDisabled());
        robot.clickOn(dictate);
        Label error = node("#errorLabel");
        await().atMost(PATIENCE).until(() -> onFx(() -> error.getParent().isVisible()));
        assertThat(onFx(error::getText))
                .startsWith("Could not start dictation: the recording ")
                .endsWith("no-such-recording.wav set as Device does not exist");
    }

    @Test
    void settingsRefuseInvalidValuesAndRoundTripThroughTheConfigFile() throws Exception {
        open(new ToneWorkerProvider(), ready(dir.resolve("unused.wav")));
        TabPane tabs = node("#tabs");
        robot.interact(() -> selectTab("tabSettings"));
        TextField threads = node("#settingsThreads");
        Label error = node("#settingsError");

        robot.interact(() -> threads.setText("0"));
        robot.clickOn("#applySettingsButton");
        assertThat(onFx(error::isVisible)).isTrue();
        assertThat(onFx(error::getText)).isEqualTo("Threads: must be between 1 and 64, was 0");
        Path file = dir.resolve("config/settings.json");
        assertThat(new SettingsStore(file).load().settings().threads())
                .isEqualTo(UiSettings.defaults().threads());

        ComboBox<String> device = node("#settingsDevice");
        assertThat(onFx(() -> device.getEditor().getText())).startsWith("file:");
        assertThat(onFx(device::getItems)).containsExactly("(default)");
        robot.interact(() -> {
            device.getSelectionModel().select("(default)");
            threads.setText("3");
            ((ComboBox<String>) node("#settingsLanguage")).setValue("de");
            ((TextField) node("#settingsVocabulary")).setText("Kubernetes, gRPC");
            app.console().settingsForm().themeProperty().set("dark");
        });
        robot.clickOn("#applySettingsButton");

        assertThat(onFx(error::isVisible)).isFalse();
        // Saved off the FX thread: the file changes moments after the click.
        await().atMost(PATIENCE)
                .until(() -> new SettingsStore(file).load().settings().threads() == 3);
        UiSettings saved = new SettingsStore(file).load().settings();
        assertThat(saved.threads()).isEqualTo(3);
        assertThat(saved.language()).isEqualTo("de");
        assertThat(saved.vocabulary()).containsExactly("Kubernetes", "gRPC");
        assertThat(saved.theme()).isEqualTo("dark");
        assertThat(saved.device()).as("(default) is stored as no device").isEmpty();
        assertThat(onFx(() -> tabs.getScene().getStylesheets())).anyMatch(s -> s.endsWith("dark.css"));
    }

    @Test
    void settingsComeInGroupsWithALanguagePickerAndHotkeyRecordersThatSayWhatAKeyCollidesWith() throws Exception {
        Path silence = dir.resolve("silence.wav");
        WavWriter.write(silence, 16_000, new float[16_000 * 20]);
        open(new ToneWorkerProvider(), ready(silence).withMode("embedded"));
        Button dictate = node("#dictateButton");
        await().atMost(PATIENCE).until(() -> !dictate.isDisabled());
        // One story about the keys: the button's tooltip, the transcript's placeholder and Settings tell the same.
        assertThat(onFx(() -> dictate.getTooltip().getText()))
                .isEqualTo("Start or stop dictation: F9 or Ctrl+Space in this window");
        assertThat(onFx(() -> ((Label) node("#transcriptPlaceholder")).getText()))
                .endsWith("Keys: F9 or Ctrl+Space in this window.");
        javafx.stage.Stage stage = (javafx.stage.Stage) dictate.getScene().getWindow();
        robot.interact(
                () -> { // at its smallest the form scrolls, and the fields are reached by scrolling
                    stage.setWidth(stage.getMinWidth());
                    stage.setHeight(stage.getMinHeight());
                });
        robot.interact(() -> selectTab("tabSettings"));
        SettingsViewModel form = app.console().settingsForm();
        assertThat(onFx(() -> robot.lookup(".hint").queryAllAs(Label.class).stream()
                        .map(Label::getText)
                        .toList()))
                .contains("In this window F9 and Ctrl+Space start and stop dictation too.");

        assertThat(onFx(() -> robot.lookup(".settings-group").queryAllAs(Label.class).stream()
                        .map(Label::getText)
                        .toList()))
                .containsExactly("General", "Audio", "Model & language", "Hotkeys & text output", "Workers (advanced)");
        // Each field only where it applies: the memory ceiling is the sidecar's, TLS and token the remote workers'.
        assertThat(shown("#settingsMemoryCeiling", "#settingsTlsCa", "#settingsTokenFile", "#settingsGpu"))
                .containsExactly(false, false, false, true);
        robot.interact(() -> form.modeProperty().set("sidecar"));
        assertThat(shown("#settingsMemoryCeiling", "#settingsTlsCa", "#settingsTokenFile", "#settingsGpu"))
                .containsExactly(true, false, false, true);
        robot.interact(() -> form.modeProperty().set("remote"));
        assertThat(shown("#settingsMemoryCeiling", "#settingsTlsCa", "#settingsTokenFile", "#settingsGpu"))
                .containsExactly(false, true, true, false);
        robot.interact(() -> form.modeProperty().set("embedded"));

        ComboBox<String> language = node("#settingsLanguage");
        assertThat(onFx(() -> language.getEditor().getText())).isEqualTo("Detect automatically");
        assertThat(onFx(language::getItems))
                .as("auto, then whisper 1.7.1's 100 languages by name")
                .hasSize(101)
                .startsWith("auto", "af", "sq");
        robot.interact(() -> language.setValue("de"));
        assertThat(onFx(() -> language.getEditor().getText())).isEqualTo("German (de)");

        reveal("#settingsPushToTalkKey");
        ToggleButton toggle = node("#settingsToggleKey");
        Label toggleConflict = node("#settingsToggleKeyConflict");
        assertThat(onFx(toggle::getText)).isEqualTo("Ctrl+Alt+Space");
        robot.clickOn(toggle);
        assertThat(onFx(toggle::getText)).isEqualTo("Press the keys… (Esc cancels)");
        robot.press(KeyCode.CONTROL, KeyCode.ALT, KeyCode.H).release(KeyCode.H, KeyCode.ALT, KeyCode.CONTROL);
        assertThat(onFx(() -> form.toggleKeyProperty().get())).isEqualTo("Ctrl+Alt+H");
        assertThat(onFx(toggle::getText)).isEqualTo("Ctrl+Alt+H");
        assertThat(onFx(toggle::isSelected)).isFalse();
        assertThat(onFx(toggleConflict::isVisible)).isFalse();

        // The window's own shortcut, recorded: said at once, and the keys do not start a dictation on the way.
        robot.clickOn(toggle).type(KeyCode.F9);
        assertThat(onFx(() -> form.toggleKeyProperty().get())).isEqualTo("F9");
        assertThat(onFx(toggleConflict::getText))
                .isEqualTo("F9 is already the console window's own start/stop shortcut.");
        assertThat(onFx(() -> app.console().dictation().dictatingProperty().get()
                        || app.console().dictation().busyProperty().get()))
                .isFalse();
        robot.clickOn("#settingsPushToTalkKey");
        robot.press(KeyCode.CONTROL, KeyCode.C).release(KeyCode.C, KeyCode.CONTROL);
        assertThat(onFx(() -> ((Label) node("#settingsPushToTalkKeyConflict")).getText()))
                .isEqualTo("Ctrl+C is also Copy in most applications: pressing it would do both.");
        robot.interact(() -> language.setValue("germn"));
        robot.clickOn("#applySettingsButton");
        Label error = node("#settingsError");
        assertThat(onFx(error::getText))
                .isEqualTo("Language: 'germn' is not a language whisper knows; did you mean German?");
        robot.interact(() -> language.setValue("de"));
        robot.clickOn("#applySettingsButton");
        assertThat(onFx(error::getText))
                .isEqualTo("Toggle hotkey: F9 is already the console window's own start/stop shortcut; "
                        + "choose another key");

        // Esc leaves the hotkey as it was; Clear removes it.
        reveal("#settingsPushToTalkKey");
        robot.clickOn(toggle).type(KeyCode.ESCAPE);
        assertThat(onFx(() -> form.toggleKeyProperty().get())).isEqualTo("F9");
        robot.clickOn("#settingsToggleKeyClear");
        assertThat(onFx(toggle::getText)).isEqualTo("None");
        robot.clickOn(toggle);
        robot.press(KeyCode.CONTROL, KeyCode.ALT, KeyCode.D).release(KeyCode.D, KeyCode.ALT, KeyCode.CONTROL);

        Label saved = node("#settingsSaved");
        assertThat(onFx(saved::getText)).isEmpty();
        robot.clickOn("#applySettingsButton");
        await().atMost(PATIENCE).until(() -> onFx(saved::getText).startsWith("Saved at "));
        assertThat(onFx(error::isVisible)).isFalse();
        UiSettings stored =
                new SettingsStore(dir.resolve("config/settings.json")).load().settings();
        assertThat(List.of(stored.toggleKey(), stored.pushToTalkKey(), stored.language()))
                .containsExactly("Ctrl+Alt+D", "Ctrl+C", "de");
        robot.interact(() -> ((TextField) node("#settingsThreads")).setText("7"));
        assertThat(onFx(saved::getText)).as("an edit is not saved yet").isEmpty();
    }

    /** The words marked as search hits in a list, in order (FX thread). */
    private List<String> marked(String list) {
        // TestFX's "#a .b" finds nothing inside list cells; looking up from the list does.
        return robot.from((Node) node(list)).lookup(".search-hit").queryAllAs(Text.class).stream()
                .filter(Node::isVisible)
                .map(Text::getText)
                .toList();
    }

    /** Scrolls the settings form until the node is in sight, as a user would before clicking it. */
    private void reveal(String id) {
        robot.interact(() -> {
            ScrollPane form = node("#settingsForm");
            Node target = node(id);
            Bounds at = form.getContent().sceneToLocal(target.localToScene(target.getBoundsInLocal()));
            double hidden = form.getContent().getBoundsInLocal().getHeight()
                    - form.getViewportBounds().getHeight();
            form.setVvalue(
                    hidden <= 0
                            ? 0
                            : Math.min(
                                    1,
                                    Math.max(
                                            0,
                                            (at.getMaxY()
                                                            - form.getViewportBounds()
                                                                            .getHeight()
                                                                    / 2)
                                                    / hidden)));
        });
    }

    /** Whether each node is shown: it and every node around it visible, read on the FX thread. */
    private List<Boolean> shown(String... ids) throws Exception {
        return onFx(() -> java.util.Arrays.stream(ids)
                .map(id -> {
                    for (Node n = node(id); n != null; n = n.getParent()) {
                        if (!n.isVisible()) {
                            return false;
                        }
                    }
                    return true;
                })
                .toList());
    }

    /** The Health tab's label text, read on the FX thread. */
    private String healthLabel(String id) throws Exception {
        return onFx(() -> ((Label) node(id)).getText());
    }

    /** ProcessHandle.Info leaves out the arguments of a command line this long (the test class path), /proc does not. */
    private static String commandLine(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", String.valueOf(process.pid()), "cmdline"))
                    .replace('\0', ' ');
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** FX thread. */
    private void selectTab(String id) {
        TabPane tabs = node("#tabs");
        tabs.getSelectionModel()
                .select(tabs.getTabs().stream()
                        .filter(t -> id.equals(t.getId()))
                        .findFirst()
                        .orElseThrow());
    }

    private void showHealthTab() {
        robot.interact(() -> selectTab("tabHealth"));
    }

    @Test
    void healthPanelFollowsAKilledSidecarToItsReplacement() throws Exception {
        // A real sidecar process with a real (weightless) model, spawned by the production provider.
        Path weightless = WeightlessModelWriter.writeTinyEn(dir.resolve("weightless.bin"));
        open(
                new LocalWorkerProvider(SidecarCommandLine.ofRunningApp()),
                UiSettings.defaults().withModel(weightless.toString()).withMode("sidecar"));
        showHealthTab();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> healthLabel("#healthMode").equals("sidecar")
                        && healthLabel("#healthState").equals("SERVING")
                        && healthLabel("#healthWorker").startsWith("sidecar-"));
        String first = healthLabel("#healthWorker");
        ProcessHandle sidecar = ProcessHandle.current()
                .children()
                .filter(p -> commandLine(p).contains(weightless.toString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sidecar among the test's child processes"));

        sidecar.destroyForcibly(); // kill -9

        await().atMost(Duration.ofSeconds(40))
                .until(() -> !healthLabel("#healthWorker").equals(first)
                        && healthLabel("#healthWorker").startsWith("sidecar-")
                        && healthLabel("#healthState").equals("SERVING"));
        assertThat(sidecar.isAlive()).isFalse();
        assertThat(healthLabel("#healthMode")).isEqualTo("sidecar");
    }

    @Test
    void aFileWhoseSidecarIsKilledMidwayIsTranscribedAgainByTheReplacement() throws Exception {
        Path weightless = WeightlessModelWriter.writeTinyEn(dir.resolve("weightless.bin"));
        open(
                new LocalWorkerProvider(SidecarCommandLine.ofRunningApp()),
                UiSettings.defaults().withModel(weightless.toString()).withMode("sidecar"));
        Button transcribeFile = node("#transcribeFileButton");
        await().atMost(Duration.ofSeconds(30)).until(() -> !transcribeFile.isDisabled());
        // Four minutes of speech-like sound: eight 30-s decode windows, seconds of work for the weightless model.
        recordingToOpen = dir.resolve("talk.wav");
        WavWriter.write(recordingToOpen, 16_000, TestSignals.speechLike(240, 16_000, 5));
        List<String> statuses = new CopyOnWriteArrayList<>();
        List<Double> progress = new CopyOnWriteArrayList<>();
        robot.interact(() -> {
            app.console().fileTranscription().statusProperty().addListener((o, was, now) -> statuses.add(now));
            app.console()
                    .fileTranscription()
                    .progressProperty()
                    .addListener((o, was, now) -> progress.add(now.doubleValue()));
        });
        ProcessHandle sidecar = ProcessHandle.current()
                .children()
                .filter(p -> commandLine(p).contains(weightless.toString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sidecar among the test's child processes"));

        robot.clickOn(transcribeFile);
        await().atMost(Duration.ofSeconds(30)).until(() -> progress.stream().anyMatch(p -> p > 0 && p < 0.5));
        sidecar.destroyForcibly(); // kill -9 while it decodes the first windows

        await().atMost(Duration.ofSeconds(90))
                .until(() -> statuses.contains("talk.wav: no speech recognized in 240 s of audio."));
        assertThat(statuses)
                .contains("The voice worker was lost; talk.wav starts again on the worker that takes over…");
        assertThat(onFx(() -> app.console().errorProperty().get())).isEmpty();
        assertThat(sidecar.isAlive()).isFalse();
    }

    @Test
    void healthPanelSaysWhyItFellBackToTheEmbeddedWorker() throws Exception {
        Path weightless = WeightlessModelWriter.writeTinyEn(dir.resolve("weightless.bin"));
        Path noJava = dir.resolve("no-such-runtime/bin/java");
        open(
                new LocalWorkerProvider(SidecarCommandLine.ofRunningApp().withJavaExecutable(noJava)),
                UiSettings.defaults().withModel(weightless.toString()).withMode("sidecar"));
        showHealthTab();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> healthLabel("#healthState").equals("SERVING"));
        assertThat(healthLabel("#healthMode"))
                .startsWith("embedded (fallback: ")
                .contains(noJava.toString());
        assertThat(healthLabel("#healthWorker")).startsWith("embedded-");
    }

    @Test
    void remoteModeDictatesOnTheHealthiestOfTwoRemoteWorkersOverRealSockets() throws Exception {
        try (RemoteToneWorkers remote = RemoteToneWorkers.start(2)) {
            Path tokenFile = Files.writeString(dir.resolve("token"), remote.token());
            Path recording = ToneRecordings.sentence(dir);
            open(
                    new LocalWorkerProvider(),
                    UiSettings.defaults()
                            .withDevice("file:" + recording)
                            .withWorker(new WorkerOptions(false, 0, remote.targets(), "", tokenFile.toString()))
                            .withMode("remote"));
            Button dictate = node("#dictateButton");
            await().atMost(PATIENCE).until(() -> !dictate.isDisabled());
            showHealthTab();
            await().atMost(PATIENCE).until(() -> healthLabel("#healthState").equals("SERVING"));
            String mode = healthLabel("#healthMode");
            assertThat(mode).matches("remote \\(127\\.0\\.0\\.1:\\d+\\)");
            assertThat(remote.targets()).anyMatch(mode::contains);

            robot.interact(() -> selectTab("tabTranscript"));
            robot.clickOn(dictate);
            ListView<TranscriptSegment> finals = node("#finalsList");
            await().atMost(PATIENCE)
                    .until(() -> onFx(() -> finals.getItems().size()) == 1
                            && onFx(() -> !app.console()
                                    .dictation()
                                    .dictatingProperty()
                                    .get()));
            assertThat(onFx(() -> finals.getItems().get(0).text())).isEqualTo(ToneRecordings.SENTENCE);
            assertThat(remote.sessionsCreated())
                    .as("one dictation, one session on one worker")
                    .isEqualTo(1);
            assertThat(onFx(() -> app.console().errorProperty().get())).isEmpty();
        }
    }
}
