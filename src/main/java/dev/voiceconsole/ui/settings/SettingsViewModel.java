package dev.voiceconsole.ui.settings;

import dev.voiceconsole.contract.SpokenLanguages;
import dev.voiceconsole.settings.HotkeyConflicts;
import dev.voiceconsole.settings.InvalidSettingsException;
import dev.voiceconsole.settings.UiSettings;
import dev.voiceconsole.settings.WorkerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringExpression;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The settings form: one text property per field, as typed. {@link #toSettings()} parses and validates them;
 * a refused value leaves the reason in {@link #errorProperty()} and nothing is applied.
 */
public final class SettingsViewModel {

    /** The Device choice that means "the system's default microphone" (stored as an empty Device). */
    public static final String DEFAULT_DEVICE = "(default)";

    private final StringProperty model = new SimpleStringProperty("");
    private final StringProperty language = new SimpleStringProperty("");
    private final BooleanProperty translate = new SimpleBooleanProperty();
    private final StringProperty initialPrompt = new SimpleStringProperty("");
    private final StringProperty vocabulary = new SimpleStringProperty("");
    private final StringProperty threads = new SimpleStringProperty("");
    private final StringProperty sampleRate = new SimpleStringProperty("");
    private final StringProperty device = new SimpleStringProperty("");
    private final StringProperty mode = new SimpleStringProperty("");
    private final StringProperty theme = new SimpleStringProperty("");
    private final BooleanProperty gpu = new SimpleBooleanProperty();
    private final StringProperty memoryCeilingMb = new SimpleStringProperty("");
    private final StringProperty remoteTargets = new SimpleStringProperty("");
    private final StringProperty tlsCaFile = new SimpleStringProperty("");
    private final StringProperty tokenFile = new SimpleStringProperty("");
    private final StringProperty pushToTalkKey = new SimpleStringProperty("");
    private final StringProperty toggleKey = new SimpleStringProperty("");
    private final StringProperty textOutput = new SimpleStringProperty("");
    private final StringProperty lowConfidencePercent = new SimpleStringProperty("");
    /** What the global hotkeys and text output can do in this session (set by the desktop integration). */
    private final StringProperty desktopStatus = new SimpleStringProperty("");

    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper saved = new ReadOnlyStringWrapper("");
    private final StringExpression pushToTalkConflict = conflict(pushToTalkKey, "toggle hotkey", toggleKey);
    private final StringExpression toggleConflict = conflict(toggleKey, "push-to-talk hotkey", pushToTalkKey);
    /** True while {@link #load} fills the form, so loading does not count as an edit. */
    private boolean loading;

    private final ObservableList<String> deviceChoices = FXCollections.observableArrayList(DEFAULT_DEVICE);
    private final ObservableList<String> readOnlyDeviceChoices =
            FXCollections.unmodifiableObservableList(deviceChoices);

    public SettingsViewModel() {
        List<Observable> fields = List.of(
                model,
                language,
                translate,
                initialPrompt,
                vocabulary,
                threads,
                sampleRate,
                device,
                mode,
                theme,
                gpu,
                memoryCeilingMb,
                remoteTargets,
                tlsCaFile,
                tokenFile,
                pushToTalkKey,
                toggleKey,
                textOutput,
                lowConfidencePercent);
        // An edit makes "Saved" untrue until the next Apply.
        fields.forEach(f -> f.addListener(o -> {
            if (!loading) {
                saved.set("");
            }
        }));
    }

    private static StringExpression conflict(StringProperty key, String otherField, StringProperty other) {
        return Bindings.createStringBinding(
                () -> HotkeyConflicts.of(key.get(), otherField, other.get()).orElse(""), key, other);
    }

    public void load(UiSettings s) {
        loading = true;
        try {
            fill(s);
        } finally {
            loading = false;
        }
        error.set("");
    }

    /** The settings were written to disk (UI thread): the form says so, with the time, until the next edit. */
    public void markSaved(String when) {
        saved.set("Saved at " + when + ".");
    }

    private void fill(UiSettings s) {
        model.set(s.model());
        language.set(s.language());
        translate.set(s.translate());
        initialPrompt.set(s.initialPrompt());
        vocabulary.set(String.join(", ", s.vocabulary()));
        threads.set(Integer.toString(s.threads()));
        sampleRate.set(Integer.toString(s.sampleRate()));
        device.set(s.device().isEmpty() ? DEFAULT_DEVICE : s.device());
        mode.set(s.mode());
        theme.set(s.theme());
        gpu.set(s.worker().gpu());
        memoryCeilingMb.set(Integer.toString(s.worker().sidecarMaxRssMb()));
        remoteTargets.set(String.join(", ", s.worker().remoteTargets()));
        tlsCaFile.set(s.worker().tlsCaFile());
        tokenFile.set(s.worker().tokenFile());
        pushToTalkKey.set(s.pushToTalkKey());
        toggleKey.set(s.toggleKey());
        textOutput.set(s.textOutput());
        lowConfidencePercent.set(Integer.toString(s.lowConfidencePercent()));
    }

    /** The form as settings, or empty with the reason in {@link #errorProperty()}. */
    public Optional<UiSettings> toSettings() {
        try {
            String modelPath = model.get().strip();
            if (!modelPath.isEmpty() && !Files.isRegularFile(Path.of(modelPath))) {
                throw new InvalidSettingsException("Model file", modelPath + " does not exist or is not a file");
            }
            UiSettings s = new UiSettings(
                    modelPath,
                    languageCode(),
                    translate.get(),
                    initialPrompt.get(),
                    Arrays.asList(vocabulary.get().split(",")),
                    number("Threads", threads.get()),
                    number("Sample rate", sampleRate.get()),
                    deviceSetting(),
                    mode.get(),
                    theme.get(),
                    new WorkerOptions(
                            gpu.get(),
                            number("Memory ceiling", memoryCeilingMb.get()),
                            Arrays.asList(remoteTargets.get().split(",")),
                            tlsCaFile.get(),
                            tokenFile.get()),
                    pushToTalkKey.get(),
                    toggleKey.get(),
                    textOutput.get(),
                    percent("Mark words below confidence", lowConfidencePercent.get()));
            error.set("");
            return Optional.of(s);
        } catch (InvalidSettingsException e) {
            error.set(e.getMessage());
            return Optional.empty();
        } catch (java.nio.file.InvalidPathException e) {
            error.set("Model file: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The code of the language picked or typed ("German" and "de" are de); refused with a suggestion. */
    private String languageCode() {
        String typed = language.get() == null ? "" : language.get().strip();
        if (typed.isEmpty()) {
            return SpokenLanguages.AUTO;
        }
        return SpokenLanguages.codeFor(typed)
                .orElseThrow(() -> new InvalidSettingsException(
                        "Language",
                        "'" + typed + "' is not a language whisper knows"
                                + SpokenLanguages.nearest(typed)
                                        .map(code -> "; did you mean "
                                                + SpokenLanguages.name(code).orElse(code) + "?")
                                        .orElse("")));
    }

    private String deviceSetting() {
        String d = device.get() == null ? "" : device.get().strip();
        return d.equals(DEFAULT_DEVICE) ? "" : d;
    }

    /** The microphones to offer (UI thread): "(default)" first, then the sound system's devices in its order. */
    public void setMicrophones(List<String> names) {
        List<String> choices = new ArrayList<>();
        choices.add(DEFAULT_DEVICE);
        names.stream()
                .filter(n -> !n.isBlank() && !n.equals(DEFAULT_DEVICE))
                .distinct()
                .forEach(choices::add);
        if (!choices.equals(deviceChoices)) {
            deviceChoices.setAll(choices);
        }
    }

    /** What the Device field offers to pick; typing anything else (a {@code file:} recording) stays possible. */
    public ObservableList<String> deviceChoices() {
        return readOnlyDeviceChoices;
    }

    private static int number(String field, String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidSettingsException(field, "'" + text + "' is not a whole number");
        }
    }

    /** A whole number, with or without a trailing "%" (people type "40%"). */
    private static int percent(String field, String text) {
        String t = text == null ? "" : text.strip();
        return number(field, t.endsWith("%") ? t.substring(0, t.length() - 1) : t);
    }

    public StringProperty modelProperty() {
        return model;
    }

    public StringProperty languageProperty() {
        return language;
    }

    public BooleanProperty translateProperty() {
        return translate;
    }

    public StringProperty initialPromptProperty() {
        return initialPrompt;
    }

    public StringProperty vocabularyProperty() {
        return vocabulary;
    }

    public StringProperty threadsProperty() {
        return threads;
    }

    public StringProperty sampleRateProperty() {
        return sampleRate;
    }

    public StringProperty deviceProperty() {
        return device;
    }

    public StringProperty modeProperty() {
        return mode;
    }

    public StringProperty themeProperty() {
        return theme;
    }

    public BooleanProperty gpuProperty() {
        return gpu;
    }

    public StringProperty memoryCeilingMbProperty() {
        return memoryCeilingMb;
    }

    public StringProperty remoteTargetsProperty() {
        return remoteTargets;
    }

    public StringProperty tlsCaFileProperty() {
        return tlsCaFile;
    }

    public StringProperty tokenFileProperty() {
        return tokenFile;
    }

    public StringProperty pushToTalkKeyProperty() {
        return pushToTalkKey;
    }

    public StringProperty toggleKeyProperty() {
        return toggleKey;
    }

    public StringProperty textOutputProperty() {
        return textOutput;
    }

    /** "Mark words below confidence", in percent as typed; 0 = off. */
    public StringProperty lowConfidencePercentProperty() {
        return lowConfidencePercent;
    }

    public StringProperty desktopStatusProperty() {
        return desktopStatus;
    }

    /** What the push-to-talk hotkey collides with, as a sentence; empty when nothing. */
    public StringExpression pushToTalkConflictProperty() {
        return pushToTalkConflict;
    }

    /** What the toggle hotkey collides with, as a sentence; empty when nothing. */
    public StringExpression toggleConflictProperty() {
        return toggleConflict;
    }

    /** "Saved at 11:32:05." after the settings were written, empty once the form is edited again. */
    public ReadOnlyStringProperty savedProperty() {
        return saved.getReadOnlyProperty();
    }

    /** Why the last {@link #toSettings()} refused the form; empty when it did not. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
