package dev.voiceconsole.settings;

import dev.voiceconsole.desktop.HotkeyBindings;
import dev.voiceconsole.desktop.HotkeySpec;
import dev.voiceconsole.desktop.TextOutputMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the user chose in Settings, persisted between runs. Every value is checked here, so an invalid one is
 * refused with a reason wherever it comes from (the form, a hand-edited settings file).
 *
 * @param model         path of the ggml model file; empty until the user picked one
 * @param language      ISO 639-1 code ("en", "de") or "auto" for detection
 * @param translate     translate speech to English
 * @param initialPrompt text that primes the decoder (style, spelling)
 * @param vocabulary    names and terms fed to the prompt
 * @param threads       inference threads
 * @param sampleRate    capture rate sent to the worker: 16000 or 48000
 * @param device        audio input: empty = default microphone, {@code file:<path.wav>} = play a recording
 * @param mode          "embedded", "sidecar" or "remote"
 * @param theme         "light" or "dark"
 * @param worker        GPU, sidecar memory ceiling, remote workers
 * @param pushToTalkKey global hotkey held while dictating ("F8"); empty = none
 * @param toggleKey     global hotkey that starts and stops dictation ("Ctrl+Alt+Space"); empty = none
 * @param textOutput    where final text goes besides the console: "console", "type" or "paste"
 * @param lowConfidencePercent the transcript marks words the decoder was less sure of than this, 0..100; 0 = off.
 *                      Boxed so that a settings file from before it existed gets the default, not 0 (off)
 */
public record UiSettings(
        String model,
        String language,
        boolean translate,
        String initialPrompt,
        List<String> vocabulary,
        int threads,
        int sampleRate,
        String device,
        String mode,
        String theme,
        WorkerOptions worker,
        String pushToTalkKey,
        String toggleKey,
        String textOutput,
        Integer lowConfidencePercent) {

    static final String DEFAULT_TOGGLE_KEY = "Ctrl+Alt+Space";

    public static final List<String> MODES = List.of("embedded", "sidecar", "remote");
    public static final List<String> THEMES = List.of("light", "dark");
    public static final List<Integer> SAMPLE_RATES = List.of(16_000, 48_000);
    static final int MAX_PROMPT_CHARS = 1000;
    /**
     * On the fixture model's held-out sentences, below 40% holds 0.4% of the correct words (3 of 745) clean, while with
     * noise (10 dB SNR) 74% of the words it marks are wrong: quiet on good audio, mostly right when it speaks up.
     */
    public static final int DEFAULT_LOW_CONFIDENCE_PERCENT = 40;

    private static final Pattern LANGUAGE = Pattern.compile("auto|[a-z]{2,3}");

    public UiSettings {
        model = model == null ? "" : model.strip();
        language = language == null || language.isBlank()
                ? "auto"
                : language.strip().toLowerCase(Locale.ROOT);
        initialPrompt = initialPrompt == null ? "" : initialPrompt;
        vocabulary = vocabulary == null
                ? List.of()
                : vocabulary.stream()
                        .map(String::strip)
                        .filter(w -> !w.isEmpty())
                        .toList();
        device = device == null ? "" : device.strip();
        mode = mode == null ? "embedded" : mode.strip().toLowerCase(Locale.ROOT);
        theme = theme == null ? "light" : theme.strip().toLowerCase(Locale.ROOT);
        worker = worker == null ? WorkerOptions.defaults() : worker;
        pushToTalkKey = hotkey("Push-to-talk hotkey", pushToTalkKey);
        toggleKey = hotkey("Toggle hotkey", toggleKey == null ? DEFAULT_TOGGLE_KEY : toggleKey);
        textOutput = textOutput == null || textOutput.isBlank()
                ? TextOutputMode.CONSOLE.setting()
                : textOutput.strip().toLowerCase(Locale.ROOT);
        lowConfidencePercent = lowConfidencePercent == null ? DEFAULT_LOW_CONFIDENCE_PERCENT : lowConfidencePercent;
        if (lowConfidencePercent < 0 || lowConfidencePercent > 100) {
            throw new InvalidSettingsException(
                    "Mark words below confidence",
                    "must be a percentage from 0 to 100 (0 = off), was " + lowConfidencePercent);
        }
        if (!pushToTalkKey.isEmpty() && pushToTalkKey.equals(toggleKey)) {
            throw new InvalidSettingsException(
                    "Toggle hotkey", "is the same as the push-to-talk hotkey (" + toggleKey + ")");
        }
        if (!TextOutputMode.SETTING_VALUES.contains(textOutput)) {
            throw new InvalidSettingsException(
                    "Text output", "must be console, type or paste, was '" + textOutput + "'");
        }
        if (!LANGUAGE.matcher(language).matches()) {
            throw new InvalidSettingsException(
                    "Language",
                    "'" + language + "' is not a language code; use a two-letter ISO code such as en or de, or auto");
        }
        if (initialPrompt.length() > MAX_PROMPT_CHARS) {
            throw new InvalidSettingsException(
                    "Initial prompt",
                    "is " + initialPrompt.length() + " characters long; at most " + MAX_PROMPT_CHARS + " are used");
        }
        if (threads < 1 || threads > 64) {
            throw new InvalidSettingsException("Threads", "must be between 1 and 64, was " + threads);
        }
        if (!SAMPLE_RATES.contains(sampleRate)) {
            throw new InvalidSettingsException("Sample rate", "must be 16000 or 48000 Hz, was " + sampleRate);
        }
        if (!MODES.contains(mode)) {
            throw new InvalidSettingsException("Mode", "must be embedded, sidecar or remote, was '" + mode + "'");
        }
        if (mode.equals("remote") && worker.remoteTargets().isEmpty()) {
            throw new InvalidSettingsException("Remote workers", "remote mode needs at least one HOST:PORT");
        }
        if (!THEMES.contains(theme)) {
            throw new InvalidSettingsException("Theme", "must be light or dark, was '" + theme + "'");
        }
        if (device.startsWith("file:") && device.length() == 5) {
            throw new InvalidSettingsException("Device", "'file:' needs the path of a WAV file after it");
        }
    }

    public static UiSettings defaults() {
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        return new UiSettings(
                "",
                "auto",
                false,
                "",
                List.of(),
                threads,
                16_000,
                "",
                "sidecar",
                "light",
                WorkerOptions.defaults(),
                "",
                DEFAULT_TOGGLE_KEY,
                TextOutputMode.CONSOLE.setting(),
                DEFAULT_LOW_CONFIDENCE_PERCENT);
    }

    /** Empty, or the hotkey in its canonical spelling; refused when unreadable or taken by the window itself. */
    private static String hotkey(String field, String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String canonical;
        try {
            canonical = HotkeySpec.parse(text).toString();
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(field, e.getMessage());
        }
        if (HotkeyConflicts.WINDOW_SHORTCUTS.contains(canonical)) {
            throw new InvalidSettingsException(
                    field, canonical + " is already the console window's own start/stop shortcut; choose another key");
        }
        return canonical;
    }

    public HotkeyBindings hotkeys() {
        return HotkeyBindings.parse(pushToTalkKey, toggleKey);
    }

    public TextOutputMode textOutputMode() {
        return TextOutputMode.fromSetting(textOutput);
    }

    public UiSettings withDesktop(String pushToTalk, String toggle, String output) {
        return new UiSettings(
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
                worker,
                pushToTalk,
                toggle,
                output,
                lowConfidencePercent);
    }

    /** What the journal notes as the model of an entry: the model file's name, or the mode when it has none. */
    public String modelName() {
        return needsModel() && hasModel() ? String.valueOf(Path.of(model).getFileName()) : mode;
    }

    public boolean hasModel() {
        return !model.isEmpty();
    }

    /** Remote workers load their own model; the other modes need one here. */
    public boolean needsModel() {
        return !mode.equals("remote");
    }

    public UiSettings withModel(String value) {
        return new UiSettings(
                value,
                language,
                translate,
                initialPrompt,
                vocabulary,
                threads,
                sampleRate,
                device,
                mode,
                theme,
                worker,
                pushToTalkKey,
                toggleKey,
                textOutput,
                lowConfidencePercent);
    }

    public UiSettings withMode(String value) {
        return new UiSettings(
                model,
                language,
                translate,
                initialPrompt,
                vocabulary,
                threads,
                sampleRate,
                device,
                value,
                theme,
                worker,
                pushToTalkKey,
                toggleKey,
                textOutput,
                lowConfidencePercent);
    }

    public UiSettings withWorker(WorkerOptions value) {
        return new UiSettings(
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
                value,
                pushToTalkKey,
                toggleKey,
                textOutput,
                lowConfidencePercent);
    }

    public UiSettings withLowConfidencePercent(int value) {
        return new UiSettings(
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
                worker,
                pushToTalkKey,
                toggleKey,
                textOutput,
                value);
    }

    public UiSettings withDevice(String value) {
        return new UiSettings(
                model,
                language,
                translate,
                initialPrompt,
                vocabulary,
                threads,
                sampleRate,
                value,
                mode,
                theme,
                worker,
                pushToTalkKey,
                toggleKey,
                textOutput,
                lowConfidencePercent);
    }
}
