package dev.voiceconsole.ui.shell;

import dev.voiceconsole.ui.common.FilePicker;
import dev.voiceconsole.ui.common.WorkerState;
import dev.voiceconsole.ui.dictation.DictationViewModel;
import dev.voiceconsole.ui.files.FileTranscriptionViewModel;
import dev.voiceconsole.ui.health.HealthView;
import dev.voiceconsole.ui.journal.JournalView;
import dev.voiceconsole.ui.latency.LatencyView;
import dev.voiceconsole.ui.models.FirstRunView;
import dev.voiceconsole.ui.models.ModelManagerView;
import dev.voiceconsole.ui.settings.SettingsView;
import dev.voiceconsole.ui.transcript.TranscriptView;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The main window: toolbar (dictation, model, status), error line, and the Transcript / Latency / Health / Settings tabs. */
final class ConsoleView extends BorderPane {

    static final KeyCombination TOGGLE_KEY = new KeyCodeCombination(KeyCode.F9);
    static final KeyCombination TOGGLE_KEY_ALT = new KeyCodeCombination(KeyCode.SPACE, KeyCombination.SHORTCUT_DOWN);
    private static final String BASE_CSS =
            ConsoleView.class.getResource("console.css").toExternalForm();
    private static final String DARK_CSS =
            ConsoleView.class.getResource("dark.css").toExternalForm();

    /** Below this the toolbar's controls no longer fit beside a readable status. */
    static final double MIN_WIDTH = 600;

    static final double MIN_HEIGHT = 420;

    private final ConsoleViewModel console;

    ConsoleView(ConsoleViewModel console, FilePicker files) {
        this.console = console;
        DictationViewModel dictation = console.dictation();
        Runnable chooseModel = () -> files.chooseModel(getScene().getWindow(), console.modelsFolder())
                .ifPresent(console::chooseModel);

        Button dictate = new Button();
        dictate.setId("dictateButton");
        dictate.textProperty()
                .bind(Bindings.when(dictation.dictatingProperty())
                        .then("Stop dictation")
                        .otherwise("Start dictation"));
        Tooltip shortcuts = new Tooltip();
        shortcuts.textProperty().bind(Bindings.concat("Start or stop dictation: ", console.shortcutsProperty()));
        dictate.setTooltip(shortcuts);
        dictate.disableProperty().bind(dictation.canToggleProperty().not());
        dictate.setOnAction(e -> dictation.toggle());
        dictate.getStyleClass().add("dictate-button");

        Button model = new Button("Model…");
        model.setId("chooseModelButton");
        model.setOnAction(e -> chooseModel.run());

        ProgressBar level = new ProgressBar(0);
        level.setId("levelMeter");
        level.setPrefWidth(80);
        level.progressProperty().bind(dictation.levelMeterProperty());

        Label dropped = new Label();
        dropped.setId("droppedLabel");
        dropped.getStyleClass().add("dropped-label");
        dropped.textProperty().bind(Bindings.concat("dropped: ", dictation.droppedBlocksProperty()));
        dropped.setTooltip(new Tooltip("Audio blocks discarded because the app fell behind the microphone"));
        dropped.visibleProperty().bind(dictation.droppedBlocksProperty().greaterThan(0));
        dropped.managedProperty().bind(dropped.visibleProperty());

        FileTranscriptionViewModel fileJobs = console.fileTranscription();
        Button transcribeFile = new Button("Transcribe file…");
        transcribeFile.setId("transcribeFileButton");
        transcribeFile.setTooltip(new Tooltip("Or drop WAV recordings on the window"));
        transcribeFile.disableProperty().bind(console.workerStateProperty().isNotEqualTo(WorkerState.READY));
        transcribeFile.setOnAction(
                e -> files.chooseRecording(getScene().getWindow()).ifPresent(f -> fileJobs.transcribe(List.of(f))));

        Label recording = new Label();
        recording.setId("recordingIndicator");
        recording.getStyleClass().add("recording-indicator");
        recording.textProperty().bind(dictation.recordingStateProperty());
        recording.visibleProperty().bind(dictation.dictatingProperty());
        recording.managedProperty().bind(recording.visibleProperty());

        Label status = new Label();
        status.setId("statusLabel");
        status.textProperty().bind(console.statusProperty());
        // While dictating, "Ready: …" would say the opposite of what is happening; the indicator says it instead.
        status.visibleProperty().bind(dictation.dictatingProperty().not());
        status.managedProperty().bind(status.visibleProperty());
        // The status sits beside the toolbar, not in it: a ToolBar moves what does not fit into its overflow menu,
        // which hid the only state indicator in a small window. Here the toolbar keeps its width and the status
        // wraps onto more lines rather than losing its end to an ellipsis.
        status.setMinWidth(0);
        status.setMaxWidth(Double.MAX_VALUE);
        status.setWrapText(true);
        status.setAlignment(Pos.CENTER_RIGHT);
        status.setTextAlignment(javafx.scene.text.TextAlignment.RIGHT);
        HBox.setHgrow(status, Priority.ALWAYS);
        ToolBar toolbar = new ToolBar(dictate, recording, level, dropped, model, transcribeFile);
        toolbar.setMinWidth(Region.USE_PREF_SIZE);
        HBox topBar = new HBox(toolbar, status);
        topBar.setId("topBar");
        topBar.getStyleClass().addAll("tool-bar", "top-bar");
        topBar.setAlignment(Pos.CENTER_LEFT);

        Label error = new Label();
        error.setId("errorLabel");
        error.setWrapText(true);
        error.textProperty().bind(console.errorProperty());
        Button dismiss = new Button("Dismiss");
        dismiss.setId("dismissErrorButton");
        dismiss.setMinWidth(Region.USE_PREF_SIZE); // a long message wraps; the button keeps its word
        dismiss.setOnAction(e -> console.dismissError());
        Button rollBack = new Button();
        rollBack.setId("rollbackModelButton");
        rollBack.setMinWidth(Region.USE_PREF_SIZE);
        rollBack.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> console.rollbackModelProperty().get() == null
                                ? ""
                                : "Use " + console.rollbackModelProperty().get().getFileName() + " again",
                        console.rollbackModelProperty()));
        rollBack.setTooltip(new Tooltip("The model the voice worker last started with"));
        rollBack.visibleProperty().bind(console.rollbackModelProperty().isNotNull());
        rollBack.managedProperty().bind(rollBack.visibleProperty());
        rollBack.setOnAction(e -> console.rollBackModel());
        HBox errorBar = new HBox(10, error, rollBack, dismiss);
        errorBar.setId("errorBar");
        errorBar.getStyleClass().add("error-bar");
        errorBar.setAlignment(Pos.CENTER_LEFT);
        errorBar.setPadding(new Insets(6, 10, 6, 10));
        HBox.setHgrow(error, Priority.ALWAYS);
        errorBar.visibleProperty().bind(console.errorProperty().isNotEmpty());
        errorBar.managedProperty().bind(errorBar.visibleProperty());

        TabPane tabs = new TabPane(
                tab(
                        "Transcript",
                        new StackPane(
                                new TranscriptView(
                                        console.transcript(),
                                        console.workerStateProperty(),
                                        dictation.dictatingProperty(),
                                        console.modelWeightlessProperty(),
                                        console.shortcutsProperty(),
                                        files),
                                new FirstRunView(
                                        console.models(),
                                        console.workerStateProperty().isEqualTo(WorkerState.NO_MODEL),
                                        chooseModel))),
                tab("Latency", new LatencyView(console.latency(), files)),
                tab("Journal", new JournalView(console.journal(), files)),
                tab("Models", new ModelManagerView(console.models())),
                tab("Health", new HealthView(console.health(), console)),
                tab("Settings", new SettingsView(console.settingsForm(), console, files)));
        tabs.setId("tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        setTop(new VBox(topBar, errorBar, fileBar(fileJobs)));
        setCenter(tabs);
        acceptDroppedRecordings(fileJobs);
    }

    /** Progress of the file being transcribed, then its summary until dismissed. */
    private static HBox fileBar(FileTranscriptionViewModel fileJobs) {
        ProgressBar progress = new ProgressBar();
        progress.setId("fileProgress");
        progress.setPrefWidth(200);
        progress.progressProperty().bind(fileJobs.progressProperty());
        progress.visibleProperty().bind(fileJobs.runningProperty());
        Label text = new Label();
        text.setId("fileStatus");
        text.textProperty().bind(fileJobs.statusProperty());
        Button action = new Button();
        action.setId("fileCancelButton");
        action.textProperty()
                .bind(Bindings.when(fileJobs.runningProperty()).then("Cancel").otherwise("Dismiss"));
        action.setOnAction(e -> {
            if (fileJobs.runningProperty().get()) {
                fileJobs.cancel();
            } else {
                fileJobs.dismiss();
            }
        });
        HBox bar = new HBox(10, progress, text, action);
        bar.setId("fileBar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 10, 4, 10));
        bar.visibleProperty()
                .bind(fileJobs.runningProperty().or(fileJobs.statusProperty().isNotEmpty()));
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    private void acceptDroppedRecordings(FileTranscriptionViewModel fileJobs) {
        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && console.workerStateProperty().get() == WorkerState.READY) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        setOnDragDropped(e -> {
            boolean accepted = e.getDragboard().hasFiles();
            if (accepted) {
                fileJobs.transcribe(e.getDragboard().getFiles().stream()
                        .map(java.io.File::toPath)
                        .toList());
            }
            e.setDropCompleted(accepted);
            e.consume();
        });
    }

    private static Tab tab(String name, javafx.scene.Node content) {
        Tab tab = new Tab(name, content);
        tab.setId("tab" + name);
        return tab;
    }

    /** The window's scene, with shortcuts and the theme following the settings. */
    Scene createScene() {
        Scene scene = new Scene(this, 980, 680);
        scene.getAccelerators().put(TOGGLE_KEY, () -> console.dictation().toggle());
        scene.getAccelerators().put(TOGGLE_KEY_ALT, () -> console.dictation().toggle());
        applyTheme(scene, console.settingsProperty().get().theme());
        console.settingsProperty().addListener((obs, old, now) -> applyTheme(scene, now.theme()));
        return scene;
    }

    private static void applyTheme(Scene scene, String theme) {
        scene.getStylesheets().setAll("dark".equals(theme) ? List.of(BASE_CSS, DARK_CSS) : List.of(BASE_CSS));
    }
}
