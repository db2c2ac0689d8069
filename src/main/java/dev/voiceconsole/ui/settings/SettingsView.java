package dev.voiceconsole.ui.settings;

import dev.voiceconsole.contract.SpokenLanguages;
import dev.voiceconsole.desktop.TextOutputMode;
import dev.voiceconsole.settings.HotkeyConflicts;
import dev.voiceconsole.settings.UiSettings;
import dev.voiceconsole.ui.common.ConsoleControl;
import dev.voiceconsole.ui.common.FilePicker;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.Property;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The settings form in five groups; each field shows only where it applies (the sidecar's memory ceiling in sidecar
 * mode, the remote workers' fields in remote mode). Apply saves to the user's config directory and says when it did;
 * a refused value shows its reason.
 */
public final class SettingsView extends VBox {

    private static final double NAME_WIDTH = 200;

    public SettingsView(SettingsViewModel vm, ConsoleControl console, FilePicker files) {
        TextField model = field("settingsModel", vm.modelProperty());
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> files.chooseModel(getScene().getWindow(), console.modelsFolder())
                .ifPresent(p -> vm.modelProperty().set(p.toAbsolutePath().toString())));
        HBox.setHgrow(model, Priority.ALWAYS);
        HBox modelRow = new HBox(6, model, browse);
        HBox.setHgrow(modelRow, Priority.ALWAYS);

        ComboBox<String> device = new ComboBox<>(vm.deviceChoices());
        device.setId("settingsDevice");
        device.setEditable(true);
        device.setMaxWidth(Double.MAX_VALUE);
        // The editor's text is the setting: a picked microphone lands there, and so does a typed file: path.
        device.getEditor().textProperty().bindBidirectional(vm.deviceProperty());
        device.setPromptText("(default) microphone, or file:/path/recording.wav");
        device.setOnShowing(e -> console.refreshMicrophones());

        CheckBox translate = check("settingsTranslate", "Translate to English", vm.translateProperty());
        CheckBox gpu = check("settingsGpu", "Decode on the GPU (needs a GPU build of whisper.cpp)", vm.gpuProperty());
        TextField targets = field("settingsRemoteTargets", vm.remoteTargetsProperty());
        targets.setPromptText("host:port, host:port");
        TextField vocabulary = field("settingsVocabulary", vm.vocabularyProperty());
        vocabulary.setPromptText("Kubernetes, gRPC, Siobhan");

        BooleanBinding sidecar = vm.modeProperty().isEqualTo("sidecar");
        BooleanBinding remote = vm.modeProperty().isEqualTo("remote");

        VBox groups = new VBox(
                18,
                group(
                        "General",
                        row("Theme", choice("settingsTheme", UiSettings.THEMES, vm.themeProperty(), THEME_NAMES)),
                        row("Mark words below confidence", percentField(vm.lowConfidencePercentProperty())),
                        hint("The transcript underlines words the model was less sure of than this; hover any word"
                                + " for its time and confidence. 0 turns the marks off.")),
                group(
                        "Audio",
                        row("Device", device),
                        hint("A microphone from the list, or file:/path/recording.wav to dictate from a recording."),
                        row(
                                "Sample rate",
                                choice(
                                        "settingsSampleRate",
                                        List.of("16000", "48000"),
                                        vm.sampleRateProperty(),
                                        RATE_NAMES))),
                group(
                        "Model & language",
                        row("Model file", modelRow),
                        row("Language", languagePicker(vm.languageProperty())),
                        row("", translate),
                        row("Initial prompt", field("settingsPrompt", vm.initialPromptProperty())),
                        row("Vocabulary", vocabulary),
                        hint("Names and terms the model should spell your way, separated by commas.")),
                group(
                        "Hotkeys & text output",
                        row(
                                "Start/stop from anywhere",
                                new HotkeyRecorder(
                                        "settingsToggleKey", vm.toggleKeyProperty(), vm.toggleConflictProperty())),
                        row(
                                "Hold to talk",
                                new HotkeyRecorder(
                                        "settingsPushToTalkKey",
                                        vm.pushToTalkKeyProperty(),
                                        vm.pushToTalkConflictProperty())),
                        hint("In this window " + String.join(" and ", HotkeyConflicts.WINDOW_SHORTCUTS)
                                + " start and stop dictation too."),
                        row(
                                "Text output",
                                choice(
                                        "settingsTextOutput",
                                        TextOutputMode.SETTING_VALUES,
                                        vm.textOutputProperty(),
                                        OUTPUT_NAMES)),
                        desktopStatus(vm)),
                group(
                        "Workers (advanced)",
                        row("Mode", choice("settingsMode", UiSettings.MODES, vm.modeProperty(), MODE_NAMES)),
                        row("Threads", field("settingsThreads", vm.threadsProperty())),
                        shownWhen(row("", gpu), remote.not()),
                        shownWhen(
                                row(
                                        "Memory ceiling (MB, 0 = none)",
                                        field("settingsMemoryCeiling", vm.memoryCeilingMbProperty())),
                                sidecar),
                        shownWhen(row("Remote workers", targets), remote),
                        shownWhen(row("TLS certificate (PEM)", field("settingsTlsCa", vm.tlsCaFileProperty())), remote),
                        shownWhen(row("Token file", field("settingsTokenFile", vm.tokenFileProperty())), remote)));
        groups.setPadding(new Insets(0, 12, 0, 0));

        Label error = new Label();
        error.setId("settingsError");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        Button apply = new Button("Apply");
        apply.setId("applySettingsButton");
        apply.setDefaultButton(true);
        apply.setOnAction(e -> vm.toSettings().ifPresent(console::applySettings));
        Button revert = new Button("Revert");
        revert.setId("revertSettingsButton");
        revert.setOnAction(e -> vm.load(console.settingsProperty().get()));
        Label saved = new Label();
        saved.setId("settingsSaved");
        saved.getStyleClass().add("saved-text");
        saved.textProperty().bind(vm.savedProperty());
        Label where = new Label("Kept in " + console.settingsFile());
        where.getStyleClass().add("hint");
        HBox actions = new HBox(8, apply, revert, saved);
        actions.setAlignment(Pos.CENTER_LEFT);

        // The form outgrows small windows: it scrolls, while the message and Apply / Revert stay in sight.
        ScrollPane form = new ScrollPane(groups);
        form.setId("settingsForm");
        form.setFitToWidth(true);
        VBox.setVgrow(form, Priority.ALWAYS);
        getChildren().addAll(form, error, actions, where);
        setSpacing(10);
        setPadding(new Insets(12));
    }

    private static final Map<String, String> THEME_NAMES = Map.of("light", "Light", "dark", "Dark");
    private static final Map<String, String> RATE_NAMES =
            Map.of("16000", "16 kHz (what whisper hears)", "48000", "48 kHz (resampled to 16 kHz)");
    private static final Map<String, String> OUTPUT_NAMES = Map.of(
            "console", "Show in the console only",
            "type", "Type into the focused application",
            "paste", "Paste into the focused application");
    private static final Map<String, String> MODE_NAMES = Map.of(
            "embedded", "Embedded (inside this app)",
            "sidecar", "Sidecar process (a crash cannot take the app down)",
            "remote", "Remote workers");

    private static VBox group(String title, Node... rows) {
        Label heading = new Label(title);
        heading.getStyleClass().add("settings-group");
        VBox group = new VBox(8, heading);
        group.getChildren().addAll(rows);
        group.getStyleClass().add("settings-group-box");
        return group;
    }

    private static HBox row(String name, Node control) {
        Label label = new Label(name);
        label.setMinWidth(NAME_WIDTH);
        label.setPrefWidth(NAME_WIDTH);
        label.setWrapText(true);
        HBox row = new HBox(12, label, control);
        row.setAlignment(Pos.CENTER_LEFT);
        if (control instanceof javafx.scene.layout.Region region) {
            region.setMaxWidth(Double.MAX_VALUE);
        }
        HBox.setHgrow(control, Priority.ALWAYS);
        return row;
    }

    private static Label hint(String text) {
        Label hint = new Label(text);
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        hint.setPadding(new Insets(0, 0, 0, NAME_WIDTH + 12));
        return hint;
    }

    private static Node desktopStatus(SettingsViewModel vm) {
        Label desktop = hint("");
        desktop.setId("settingsDesktopStatus");
        desktop.textProperty().bind(vm.desktopStatusProperty());
        desktop.visibleProperty().bind(desktop.textProperty().isNotEmpty());
        desktop.managedProperty().bind(desktop.visibleProperty());
        return desktop;
    }

    private static <T extends Node> T shownWhen(T node, BooleanBinding applies) {
        node.visibleProperty().bind(applies);
        node.managedProperty().bind(applies);
        return node;
    }

    private static TextField field(String id, StringProperty property) {
        TextField field = new TextField();
        field.setId(id);
        field.textProperty().bindBidirectional(property);
        return field;
    }

    /** A short field for a percentage, "%" after it. */
    private static HBox percentField(StringProperty property) {
        TextField field = field("settingsLowConfidence", property);
        field.setPrefColumnCount(4);
        HBox box = new HBox(6, field, new Label("%"));
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private static CheckBox check(String id, String text, Property<Boolean> property) {
        CheckBox box = new CheckBox(text);
        box.setId(id);
        box.setWrapText(true);
        box.selectedProperty().bindBidirectional(property);
        return box;
    }

    /** A choice of setting values shown by their names; the property keeps the value. */
    private static ChoiceBox<String> choice(
            String id, List<String> values, StringProperty property, Map<String, String> names) {
        ChoiceBox<String> box = new ChoiceBox<>();
        box.setId(id);
        box.getItems().setAll(values);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(String value) {
                return value == null ? "" : names.getOrDefault(value, value);
            }

            @Override
            public String fromString(String name) {
                return name;
            }
        });
        box.valueProperty().bindBidirectional(property);
        return box;
    }

    /**
     * Whisper's languages by name ("German (de)"), "Detect automatically" first. It is editable, so a name or a code
     * can be typed as well; whatever is typed stays as typed until Apply, which says when whisper knows no such one.
     */
    private static ComboBox<String> languagePicker(StringProperty language) {
        ComboBox<String> picker = new ComboBox<>();
        picker.setId("settingsLanguage");
        picker.setEditable(true);
        picker.setVisibleRowCount(14);
        picker.getItems().add(SpokenLanguages.AUTO);
        SpokenLanguages.codes().stream()
                .sorted(java.util.Comparator.comparing(
                        c -> SpokenLanguages.name(c).orElse(c)))
                .forEach(picker.getItems()::add);
        picker.setConverter(new StringConverter<>() {
            @Override
            public String toString(String code) {
                if (code == null || code.isBlank() || code.equals(SpokenLanguages.AUTO)) {
                    return "Detect automatically";
                }
                return SpokenLanguages.name(code)
                        .map(n -> n + " (" + code + ")")
                        .orElse(code);
            }

            @Override
            public String fromString(String text) {
                String typed = text.strip();
                if (typed.equals("Detect automatically")) {
                    return SpokenLanguages.AUTO;
                }
                // "German (de)" as the list shows it, or a name or code typed by hand.
                String inParens = typed.matches(".*\\(([a-z]{2,3})\\)$")
                        ? typed.substring(typed.lastIndexOf('(') + 1, typed.length() - 1)
                        : typed;
                return SpokenLanguages.codeFor(inParens).orElse(typed);
            }
        });
        picker.valueProperty().bindBidirectional(language);
        return picker;
    }
}
