package dev.voiceconsole.desktop;

import com.github.kwhat.jnativehook.NativeInputEvent;
import java.util.Locale;
import java.util.Optional;

/** A modifier key of a hotkey; left and right keys count the same. */
public enum HotkeyModifier {
    CTRL("Ctrl", NativeInputEvent.CTRL_MASK),
    ALT("Alt", NativeInputEvent.ALT_MASK),
    SHIFT("Shift", NativeInputEvent.SHIFT_MASK),
    META("Meta", NativeInputEvent.META_MASK);

    private final String label;
    private final int nativeMask;

    HotkeyModifier(String label, int nativeMask) {
        this.label = label;
        this.nativeMask = nativeMask;
    }

    public String label() {
        return label;
    }

    /** True when the native hook's modifier bits hold this modifier (either side). */
    boolean heldIn(int nativeModifiers) {
        return (nativeModifiers & nativeMask) != 0;
    }

    /** The names people write: Ctrl/Control, Alt/Option, Shift, Meta/Super/Win/Cmd. */
    static Optional<HotkeyModifier> named(String name) {
        return Optional.ofNullable(
                switch (name.toLowerCase(Locale.ROOT)) {
                    case "ctrl", "control" -> CTRL;
                    case "alt", "option" -> ALT;
                    case "shift" -> SHIFT;
                    case "meta", "super", "win", "windows", "cmd", "command" -> META;
                    default -> null;
                });
    }
}
