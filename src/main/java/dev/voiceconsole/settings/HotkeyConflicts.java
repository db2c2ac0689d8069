package dev.voiceconsole.settings;

import dev.voiceconsole.desktop.HotkeySpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Why a global hotkey would misfire. The native hook listens without taking the keys away from anyone, so a hotkey
 * that the desktop or every application also uses does both, and a bare letter fires while the user types.
 */
public final class HotkeyConflicts {

    /** The console window's own start/stop shortcuts (see ConsoleView); a global hotkey there would fire twice. */
    public static final List<String> WINDOW_SHORTCUTS = List.of("F9", "Ctrl+Space");

    private static final Map<String, String> DESKTOP = Map.ofEntries(
            Map.entry("Ctrl+C", "Copy in most applications"),
            Map.entry("Ctrl+V", "Paste in most applications"),
            Map.entry("Ctrl+X", "Cut in most applications"),
            Map.entry("Ctrl+Z", "Undo in most applications"),
            Map.entry("Ctrl+A", "Select all in most applications"),
            Map.entry("Ctrl+S", "Save in most applications"),
            Map.entry("Alt+Tab", "the desktop's window switcher"),
            Map.entry("Alt+F4", "the desktop's Close window"),
            Map.entry("Meta+L", "the desktop's Lock screen"),
            Map.entry("Ctrl+Alt+T", "the desktop's Open terminal"),
            Map.entry("Ctrl+Alt+Delete", "the desktop's Log out"));

    /** Keys that type something: without Ctrl, Alt or Meta they fire in the middle of a sentence. */
    private static final Set<String> TYPING_KEYS = Set.of("Space", "Enter", "Tab", "Backspace");

    private HotkeyConflicts() {}

    /**
     * What is wrong with {@code hotkey} beside the other hotkey ({@code otherField} names it), as a sentence; empty
     * when nothing is. Only the first two reasons make {@link UiSettings} refuse the settings; the others warn.
     */
    public static Optional<String> of(String hotkey, String otherField, String other) {
        if (hotkey == null || hotkey.isBlank()) {
            return Optional.empty();
        }
        String canonical;
        try {
            canonical = HotkeySpec.parse(hotkey).toString();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        if (WINDOW_SHORTCUTS.contains(canonical)) {
            return Optional.of(canonical + " is already the console window's own start/stop shortcut.");
        }
        if (other != null && !other.isBlank() && canonical.equals(canonicalOrSelf(other))) {
            return Optional.of(canonical + " is also the " + otherField + "; give each its own keys.");
        }
        if (DESKTOP.containsKey(canonical)) {
            return Optional.of(canonical + " is also " + DESKTOP.get(canonical) + ": pressing it would do both.");
        }
        String key = canonical.substring(canonical.lastIndexOf('+') + 1);
        boolean held = canonical.contains("Ctrl+") || canonical.contains("Alt+") || canonical.contains("Meta+");
        if (!held && (key.length() == 1 || TYPING_KEYS.contains(key))) {
            return Optional.of(canonical + " without Ctrl, Alt or Meta would fire while you type.");
        }
        return Optional.empty();
    }

    private static String canonicalOrSelf(String text) {
        try {
            return HotkeySpec.parse(text).toString();
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
