package dev.voiceconsole.desktop;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Picks how text reaches the focused application on this desktop: X11 types with xdotool or pastes with xclip +
 * xdotool; Wayland types with wtype (no tool there may read or set another application's input otherwise).
 * Whatever is missing, the result works: at worst text stays in the console, with a notice that says what to install.
 */
public final class TextOutputChooser {

    /*
     * How long a paste keeps the segment on the clipboard. A busy application fetches it late, and one that asks while
     * the clipboard changes back gets nothing at all (seen at 300 ms on a loaded two-core machine), so err long.
     */
    static final Duration RESTORE_DELAY = Duration.ofSeconds(1);

    private final Map<String, String> env;
    private final String osName;
    private final Executables executables;

    public TextOutputChooser(Map<String, String> env, String osName) {
        this.env = Map.copyOf(env);
        this.osName = osName;
        this.executables = new Executables(env);
    }

    public static TextOutputChooser forThisSession() {
        return new TextOutputChooser(System.getenv(), System.getProperty("os.name", ""));
    }

    public TextOutputChoice choose(TextOutputMode mode) {
        if (mode == TextOutputMode.CONSOLE) {
            return new TextOutputChoice(new ConsoleOnlyOutput(), "");
        }
        if (!HotkeyPlatform.isLinux(osName)) {
            return consoleOnly("typing into other applications is only supported on Linux so far");
        }
        Optional<ExternalTool> xdotool = tool("xdotool");
        if (HotkeyPlatform.isWayland(env)) {
            Optional<ExternalTool> wtype = tool("wtype");
            if (wtype.isPresent()) {
                return new TextOutputChoice(
                        new WtypeOutput(wtype.get()),
                        mode == TextOutputMode.PASTE
                                ? "pasting is not supported on Wayland; text is typed with wtype instead"
                                : "");
            }
            if (HotkeyPlatform.hasX11Display(env) && xdotool.isPresent()) {
                return new TextOutputChoice(
                        new XdotoolTypeOutput(xdotool.get()),
                        "wtype is not installed: text is "
                                + "typed with xdotool, which only reaches XWayland windows; install wtype for all windows");
            }
            return consoleOnly("this Wayland session needs wtype to type into other applications; install it");
        }
        if (!HotkeyPlatform.hasX11Display(env)) {
            return consoleOnly("there is no graphical session (DISPLAY is not set)");
        }
        if (xdotool.isEmpty()) {
            return consoleOnly(
                    "xdotool is not installed; install xdotool" + (mode == TextOutputMode.PASTE ? " and xclip" : "")
                            + " to " + mode.setting() + " text into other applications");
        }
        if (mode == TextOutputMode.TYPE) {
            return new TextOutputChoice(new XdotoolTypeOutput(xdotool.get()), "");
        }
        return tool("xclip")
                .map(xclip -> new TextOutputChoice(new ClipboardPasteOutput(xclip, xdotool.get(), RESTORE_DELAY), ""))
                .orElseGet(() -> new TextOutputChoice(
                        new XdotoolTypeOutput(xdotool.get()),
                        "xclip is not installed, so text is typed instead of pasted; install xclip to paste"));
    }

    private TextOutputChoice consoleOnly(String why) {
        return new TextOutputChoice(new ConsoleOnlyOutput(), "Text stays in the console: " + why + ".");
    }

    private Optional<ExternalTool> tool(String name) {
        Optional<Path> found = executables.find(name);
        return found.map(p -> new ExternalTool(p, env));
    }
}
