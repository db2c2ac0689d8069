package dev.voiceconsole.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceconsole.ui.settings.SettingsViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsStoreTest {

    @TempDir
    Path dir;

    @Test
    void everyFieldSurvivesSaveAndLoad() throws Exception {
        UiSettings saved = new UiSettings(
                "/models/ggml-base.en.bin",
                "de",
                true,
                "Meeting notes.",
                List.of("Kubernetes", "gRPC"),
                7,
                48_000,
                "file:/tmp/a.wav",
                "sidecar",
                "dark",
                new WorkerOptions(
                        true,
                        1024,
                        List.of("gpu1.example:7443", "gpu2.example:7443"),
                        "/etc/vc/ca.pem",
                        "/etc/vc/token"),
                "Ctrl+Shift+F8",
                "Ctrl+Alt+Space",
                "paste",
                65);
        SettingsStore store = new SettingsStore(dir.resolve("voice-console/settings.json"));
        store.save(saved);

        SettingsStore.Loaded loaded = new SettingsStore(store.file()).load();

        assertThat(loaded.problem()).isNull();
        assertThat(loaded.settings()).isEqualTo(saved);
    }

    @Test
    void firstRunHasDefaultsWithoutModel() {
        SettingsStore.Loaded loaded = new SettingsStore(dir.resolve("none/settings.json")).load();
        assertThat(loaded.problem()).isNull();
        assertThat(loaded.settings()).isEqualTo(UiSettings.defaults());
        assertThat(loaded.settings().hasModel()).isFalse();
    }

    @Test
    void invalidFileFallsBackToDefaultsAndSaysWhy() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"threads\": 500, \"sampleRate\": 16000}");
        SettingsStore.Loaded loaded = new SettingsStore(file).load();
        assertThat(loaded.settings()).isEqualTo(UiSettings.defaults());
        assertThat(loaded.problem()).contains(file.toString()).contains("Threads: must be between 1 and 64, was 500");

        Files.writeString(file, "{ not json");
        assertThat(new SettingsStore(file).load().problem()).contains("could not be used");
    }

    @Test
    void aFileFromBeforeTheConfidenceMarksGetsTheirDefaultNotOff() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"threads\": 2, \"sampleRate\": 16000}");
        SettingsStore.Loaded loaded = new SettingsStore(file).load();
        assertThat(loaded.problem()).isNull();
        assertThat(loaded.settings().lowConfidencePercent()).isEqualTo(UiSettings.DEFAULT_LOW_CONFIDENCE_PERCENT);

        Files.writeString(file, "{\"threads\": 2, \"sampleRate\": 16000, \"lowConfidencePercent\": 0}");
        assertThat(new SettingsStore(file).load().settings().lowConfidencePercent())
                .as("0 (off) is kept, not taken for missing")
                .isZero();
    }

    @Test
    void theConfidenceThresholdMayBeTypedWithAPercentSign() {
        SettingsViewModel form = new SettingsViewModel();
        form.load(UiSettings.defaults());
        assertThat(form.lowConfidencePercentProperty().get())
                .isEqualTo(String.valueOf(UiSettings.DEFAULT_LOW_CONFIDENCE_PERCENT));
        form.lowConfidencePercentProperty().set(" 55% ");
        assertThat(form.toSettings()).map(UiSettings::lowConfidencePercent).contains(55);
        form.lowConfidencePercentProperty().set("0");
        assertThat(form.toSettings()).map(UiSettings::lowConfidencePercent).contains(0);
    }

    @Test
    void livesInTheXdgConfigDirectoryOrUnderDotConfig() {
        assertThat(SettingsStore.forUser(Map.of("XDG_CONFIG_HOME", "/cfg"), "/home/u")
                        .file())
                .isEqualTo(Path.of("/cfg/voice-console/settings.json"));
        assertThat(SettingsStore.forUser(Map.of(), "/home/u").file())
                .isEqualTo(Path.of("/home/u/.config/voice-console/settings.json"));
    }

    @ParameterizedTest(name = "{0}={1} refused")
    @CsvSource(
            delimiter = ';',
            value = {
                "threads;0;Threads: must be between 1 and 64, was 0",
                "threads;65;Threads: must be between 1 and 64, was 65",
                "threads;four;Threads: 'four' is not a whole number",
                "sampleRate;44100;Sample rate: must be 16000 or 48000 Hz, was 44100",
                "language;englsh;Language: 'englsh' is not a language whisper knows; did you mean English?",
                "mode;cloud;Mode: must be embedded, sidecar or remote, was 'cloud'",
                "mode;remote;Remote workers: remote mode needs at least one HOST:PORT",
                "remoteTargets;gpu1.example;Remote workers: 'gpu1.example' is not HOST:PORT",
                "memoryCeiling;64;Memory ceiling: must be 0 (none) or 128..1048576 MB, was 64",
                "theme;pink;Theme: must be light or dark, was 'pink'",
                "model;/no/such/model.bin;Model file: /no/such/model.bin does not exist or is not a file",
                "device;file:;Device: 'file:' needs the path of a WAV file after it",
                "lowConfidence;101;Mark words below confidence: must be a percentage from 0 to 100 (0 = off), was 101",
                "lowConfidence;-5;Mark words below confidence: must be a percentage from 0 to 100 (0 = off), was -5",
                "lowConfidence;half;Mark words below confidence: 'half' is not a whole number"
            })
    void formRefusesInvalidValuesWithTheReason(String field, String value, String reason) {
        SettingsViewModel form = new SettingsViewModel();
        form.load(UiSettings.defaults());
        switch (field) {
            case "threads" -> form.threadsProperty().set(value);
            case "sampleRate" -> form.sampleRateProperty().set(value);
            case "language" -> form.languageProperty().set(value);
            case "mode" -> form.modeProperty().set(value);
            case "theme" -> form.themeProperty().set(value);
            case "model" -> form.modelProperty().set(value);
            case "device" -> form.deviceProperty().set(value);
            case "remoteTargets" -> form.remoteTargetsProperty().set(value);
            case "memoryCeiling" -> form.memoryCeilingMbProperty().set(value);
            case "lowConfidence" -> form.lowConfidencePercentProperty().set(value);
            default -> throw new IllegalArgumentException(field);
        }
        assertThat(form.toSettings()).isEmpty();
        assertThat(form.errorProperty().get()).startsWith(reason);

        form.load(UiSettings.defaults());
        assertThat(form.toSettings()).contains(UiSettings.defaults());
        assertThat(form.errorProperty().get()).isEmpty();
    }

    @Test
    void promptLongerThanTheDecoderUsesIsRefused() {
        assertThatThrownBy(() -> new UiSettings(
                        "",
                        "en",
                        false,
                        "x".repeat(1001),
                        List.of(),
                        2,
                        16_000,
                        "",
                        "embedded",
                        "light",
                        null,
                        null,
                        null,
                        null,
                        null))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("Initial prompt")
                .extracting(e -> ((InvalidSettingsException) e).field())
                .isEqualTo("Initial prompt");
    }
}
