package dev.voiceconsole.ui.settings;

import dev.voiceconsole.desktop.TextOutputMode;
import dev.voiceconsole.settings.UiSettings;
import dev.voiceconsole.ui.common.ConsoleControl;
import dev.voiceconsole.ui.common.FilePicker;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The settings form; Apply saves to the user's config directory, a refused value shows its reason. */
public final class SettingsView extends VBox {

    public SettingsView(SettingsViewModel vm, ConsoleControl console, FilePicker files) {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);

        TextField model = field("settingsModel", vm.modelProperty());
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> files.chooseModel(getScene().getWindow(), console.modelsFolder())
                .ifPresent(p -> vm.modelProperty().set(p.toAbsolutePath().toString())));
        HBox.setHgrow(model, Priority.ALWAYS);
        grid.addRow(0, new Label("Model file"), new HBox(6, model, browse));
        grid.addRow(1, new Label("Language"), field("settingsLanguage", vm.languageProperty()));
        CheckBox translate = new CheckBox("Translate to English");
        translate.setId("settingsTranslate");
        translate.selectedProperty().bindBidirectional(vm.translateProperty());
        grid.addRow(2, new Label(""), translate);
        grid.addRow(3, new Label("Initial prompt"), field("settingsPrompt", vm.initialPromptProperty()));
        grid.addRow(4, new Label("Vocabulary (comma separated)"), field("settingsVocabulary", vm.vocabularyProperty()));
        grid.addRow(5, new Label("Threads"), field("settingsThreads", vm.threadsProperty()));
        grid.addRow(6, new Label("Sample rate (Hz)"), field("settingsSampleRate", vm.sampleRateProperty()));
        ComboBox<String> device = new ComboBox<>(vm.deviceChoices());
        device.setId("settingsDevice");
        device.setEditable(true);
        device.setMaxWidth(Double.MAX_VALUE);
        // The editor's text is the setting: a picked microphone lands there, and so does a typed file: path.
        device.getEditor().textProperty().bindBidirectional(vm.deviceProperty());
        device.setPromptText("(default) microphone, or file:/path/recording.wav");
        device.setOnShowing(e -> console.refreshMicrophones());
        grid.addRow(7, new Label("Device"), device);
        grid.addRow(8, new Label("Mode"), choice("settingsMode", vm, UiSettings.MODES, true));
        grid.addRow(9, new Label("Theme"), choice("settingsTheme", vm, UiSettings.THEMES, false));
        CheckBox gpu = new CheckBox("Decode on the GPU (needs a GPU build of whisper.cpp)");
        gpu.setId("settingsGpu");
        gpu.selectedProperty().bindBidirectional(vm.gpuProperty());
        grid.addRow(10, new Label(""), gpu);
        grid.addRow(
                11,
                new Label("Sidecar memory ceiling (MB, 0 = none)"),
                field("settingsMemoryCeiling", vm.memoryCeilingMbProperty()));
        TextField targets = field("settingsRemoteTargets", vm.remoteTargetsProperty());
        targets.setPromptText("host:port, host:port");
        grid.addRow(12, new Label("Remote workers"), targets);
        grid.addRow(13, new Label("Remote TLS certificate (PEM)"), field("settingsTlsCa", vm.tlsCaFileProperty()));
        grid.addRow(14, new Label("Remote token file"), field("settingsTokenFile", vm.tokenFileProperty()));
        grid.addRow(15, new Label("Push-to-talk hotkey"), field("settingsPushToTalkKey", vm.pushToTalkKeyProperty()));
        grid.addRow(16, new Label("Toggle hotkey"), field("settingsToggleKey", vm.toggleKeyProperty()));
        ChoiceBox<String> output = new ChoiceBox<>();
        output.setId("settingsTextOutput");
        output.getItems().setAll(TextOutputMode.SETTING_VALUES);
        output.valueProperty().bindBidirectional(vm.textOutputProperty());
        grid.addRow(17, new Label("Text output (console only / type / paste)"), output);
        Label desktop = new Label();
        desktop.setId("settingsDesktopStatus");
        desktop.getStyleClass().add("hint");
        desktop.setWrapText(true);
        desktop.textProperty().bind(vm.desktopStatusProperty());
        grid.add(desktop, 1, 18);

        Label error = new Label();
        error.setId("settingsError");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());

        Button apply = new Button("Apply");
        apply.setId("applySettingsButton");
        apply.setDefaultButton(true);
        apply.setOnAction(e -> vm.toSettings().ifPresent(console::applySettings));
        Button revert = new Button("Revert");
        revert.setId("revertSettingsButton");
        revert.setOnAction(e -> vm.load(console.settingsProperty().get()));
        Label where = new Label("Saved in " + console.settingsFile());
        where.getStyleClass().add("hint");

        // The form outgrows small windows: it scrolls, while the message and Apply / Revert stay in sight.
        javafx.scene.control.ScrollPane form = new javafx.scene.control.ScrollPane(grid);
        form.setId("settingsForm");
        form.setFitToWidth(true);
        VBox.setVgrow(form, javafx.scene.layout.Priority.ALWAYS);
        getChildren().addAll(form, error, new HBox(8, apply, revert), where);
        setSpacing(10);
        setPadding(new Insets(12));
    }

    private static TextField field(String id, javafx.beans.property.StringProperty property) {
        TextField field = new TextField();
        field.setId(id);
        field.textProperty().bindBidirectional(property);
        return field;
    }

    private static ChoiceBox<String> choice(
            String id, SettingsViewModel vm, java.util.List<String> items, boolean mode) {
        ChoiceBox<String> box = new ChoiceBox<>();
        box.setId(id);
        box.getItems().setAll(items);
        box.valueProperty().bindBidirectional(mode ? vm.modeProperty() : vm.themeProperty());
        return box;
    }
}
