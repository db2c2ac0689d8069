package dev.voiceconsole.desktop;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the desktop session allows, read from its environment before the native hook is tried: on Linux the hook
 * listens through the X server (RECORD extension), so it needs an X display; a Wayland session offers one only
 * through XWayland, and then only sees keys typed into XWayland windows.
 */
final class HotkeyPlatform {

    private HotkeyPlatform() {}

    static boolean isLinux(String osName) {
        return osName.toLowerCase(Locale.ROOT).contains("linux");
    }

    static boolean isWayland(Map<String, String> env) {
        return "wayland".equalsIgnoreCase(env.getOrDefault("XDG_SESSION_TYPE", ""))
                || !env.getOrDefault("WAYLAND_DISPLAY", "").isBlank();
    }

    static boolean hasX11Display(Map<String, String> env) {
        return !env.getOrDefault("DISPLAY", "").isBlank();
    }

    /** Why the hook cannot work here, or empty when it is worth trying. */
    static Optional<HotkeyAvailability> refusal(Map<String, String> env, String osName) {
        if (!isLinux(osName)) {
            return Optional.empty(); // Windows and macOS hooks need no display variable
        }
        if (!hasX11Display(env) && isWayland(env)) {
            return Optional.of(HotkeyAvailability.unavailable("this Wayland session has no XWayland display "
                    + "(DISPLAY is not set), and Wayland lets no application listen to keys typed into another"));
        }
        if (!hasX11Display(env)) {
            return Optional.of(HotkeyAvailability.unavailable("there is no X display (DISPLAY is not set)"));
        }
        return Optional.empty();
    }

    /** The state once the hook runs: on Wayland it only hears XWayland windows. */
    static HotkeyAvailability running(Map<String, String> env, String osName, HotkeyBindings bindings) {
        if (isLinux(osName) && isWayland(env)) {
            return new HotkeyAvailability(
                    HotkeyAvailability.State.LIMITED,
                    "Global hotkeys (" + bindings
                            + ") only work while an XWayland application has focus: this is a Wayland session.");
        }
        return new HotkeyAvailability(HotkeyAvailability.State.AVAILABLE, "Global hotkeys active: " + bindings + ".");
    }
}
