package dev.voiceconsole.desktop;

/**
 * Whether global hotkeys work here, with a sentence for the user.
 *
 * @param state   what the user can expect
 * @param message why, in words for the settings page; empty when all is well
 */
public record HotkeyAvailability(State state, String message) {

    public enum State {
        /** No hotkey is bound (or the service is stopped). */
        OFF,
        /** Hotkeys work while any application has focus. */
        AVAILABLE,
        /** Hotkeys work, but not with every application (Wayland: only XWayland windows). */
        LIMITED,
        /** The platform refused; only the in-window shortcuts work. */
        UNAVAILABLE
    }

    public static HotkeyAvailability off() {
        return new HotkeyAvailability(State.OFF, "Global hotkeys are off (none set).");
    }

    public static HotkeyAvailability unavailable(String why) {
        return new HotkeyAvailability(
                State.UNAVAILABLE,
                "Global hotkeys are unavailable: " + why + ". The window's own shortcuts (F9, Ctrl+Space) still work.");
    }

    public boolean works() {
        return state == State.AVAILABLE || state == State.LIMITED;
    }
}
