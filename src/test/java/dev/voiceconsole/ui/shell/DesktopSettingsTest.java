package dev.voiceconsole.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceconsole.desktop.HotkeyBindings;
import dev.voiceconsole.desktop.TextOutputMode;
import dev.voiceconsole.settings.InvalidSettingsException;
import dev.voiceconsole.settings.SettingsStore;
import dev.voiceconsole.settings.UiSettings;
import dev.voiceconsole.testing.WindowTest;
import dev.voiceconsole.ui.settings.SettingsViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hotkey and text-output settings: validated where they are made, stored, and read back from older files. */
@WindowTest
class DesktopSettingsTest {

    @TempDir
    Path dir;

    @Test
    void aSettingsFileFromBeforeTheDesktopFieldsGetsTheirDefaults() throws Exception {
        Path file = Files.writeString(dir.resolve("settings.json"), """
                {"model":"","language":"en","translate":false,"initialPrompt":"","vocabulary":[],"threads":2,
                 "sampleRate":16000,"device":"","mode":"embedded","theme":"dark"}""");
        SettingsStore.Loaded loaded = new SettingsStore(file).load();
        assertThat(loaded.problem()).isNull();
        assertThat(loaded.settings().pushToTalkKey()).isEmpty();
        assertThat(loaded.settings().toggleKey()).isEqualTo("Ctrl+Alt+Space");
        assertThat(loaded.settings().textOutputMode()).isEqualTo(TextOutputMode.CONSOLE);
    }

    @Test
    void hotkeysAreStoredInTheirCanonicalSpellingAndReadBack() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        store.save(UiSettings.defaults().withDesktop("shift + f8", "", "Paste"));
        UiSettings read = store.load().settings();
        assertThat(read.pushToTalkKey()).isEqualTo("Shift+F8");
        assertThat(read.toggleKey())
                .as("an empty toggle means none, not the default")
                .isEmpty();
        assertThat(read.textOutputMode()).isEqualTo(TextOutputMode.PASTE);
        assertThat(read.hotkeys()).isEqualTo(HotkeyBindings.parse("Shift+F8", ""));
    }

    @Test
    void theFormRefusesWhatCannotWorkWithTheReason() {
        SettingsViewModel form = new SettingsViewModel();
        form.load(UiSettings.defaults());
        form.pushToTalkKeyProperty().set("Ctrl+Hyper+Q");
        assertThat(form.toSettings()).isEmpty();
        assertThat(form.errorProperty().get())
                .contains("Push-to-talk hotkey")
                .contains("'Hyper' is not a key name this app knows");

        form.pushToTalkKeyProperty().set("f9");
        assertThat(form.toSettings()).isEmpty();
        assertThat(form.errorProperty().get()).contains("F9 is already the console window's own start/stop shortcut");

        form.pushToTalkKeyProperty().set("ctrl+alt+SPACE");
        assertThat(form.toSettings()).isEmpty();
        assertThat(form.errorProperty().get()).contains("is the same as the push-to-talk hotkey (Ctrl+Alt+Space)");

        form.pushToTalkKeyProperty().set("F8");
        form.textOutputProperty().set("telepathy");
        assertThat(form.toSettings()).isEmpty();
        assertThat(form.errorProperty().get()).contains("must be console, type or paste, was 'telepathy'");

        form.textOutputProperty().set("type");
        assertThat(form.toSettings()).hasValueSatisfying(s -> {
            assertThat(s.pushToTalkKey()).isEqualTo("F8");
            assertThat(s.textOutputMode()).isEqualTo(TextOutputMode.TYPE);
        });
        assertThat(form.errorProperty().get()).isEmpty();
    }

    @Test
    void invalidDesktopValuesInAHandEditedFileAreReportedAndDefaultsUsed() throws Exception {
        Path file = Files.writeString(dir.resolve("settings.json"), "{\"toggleKey\":\"Ctrl+Alt\"}");
        SettingsStore.Loaded loaded = new SettingsStore(file).load();
        assertThat(loaded.problem()).contains("it has only modifiers");
        assertThat(loaded.settings()).isEqualTo(UiSettings.defaults());
    }

    @Test
    void theWindowsOwnShortcutCannotAlsoBeAGlobalHotkey() {
        assertThatThrownBy(() -> UiSettings.defaults().withDesktop("", "Ctrl+Space", "console"))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("Ctrl+Space is already");
    }
}
