package dev.voiceconsole.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.voiceconsole.testing.WindowTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real native hook under a private Xvfb, in a JVM of its own (the hook reads DISPLAY from the process
 * environment), with keys sent by xdotool as if typed into whatever has focus; and the refusals the service
 * reports instead of throwing.
 */
@WindowTest
class GlobalHotkeysTest {

    private static final Duration STARTUP = Duration.ofSeconds(20);
    private static final Duration KEY = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private static final HotkeyListener IGNORE = new HotkeyListener() {
        @Override
        public void pushToTalkPressed() {
            throw new AssertionError("no key can reach a refused hook");
        }

        @Override
        public void pushToTalkReleased() {
            throw new AssertionError("no key can reach a refused hook");
        }

        @Override
        public void togglePressed() {
            throw new AssertionError("no key can reach a refused hook");
        }
    };

    private static void assumeXvfb() {
        assumeTrue(
                XvfbDisplay.executable().isPresent(), "Xvfb is not installed (bash .ci/install-test-deps installs it)");
    }

    @Test
    void keysPressedAnywhereDriveTheBindingsOffTheHookThread() throws Exception {
        assumeXvfb();
        try (XvfbDisplay x = XvfbDisplay.start("+extension");
                ChildJvm probe = ChildJvm.start(
                        HotkeyProbeMain.class, x.env(), List.of(), dir.resolve("probe.err"), "F8", "Ctrl+Alt+Space")) {
            String availability = probe.awaitLine(l -> l.startsWith("availability"), STARTUP);
            assertThat(availability)
                    .isEqualTo("availability AVAILABLE Global hotkeys active: push-to-talk F8, toggle Ctrl+Alt+Space.");

            // Keys that are not bound, or bound keys with the wrong modifiers, do nothing; the toggle after them shows
            // they were all seen and passed over.
            x.run("xdotool", "key", "space", "ctrl+space", "ctrl+alt+shift+space", "shift+F8", "ctrl+alt+space");
            probe.awaitLine(l -> l.startsWith("togglePressed"), KEY);
            x.run("xdotool", "keydown", "F8");
            probe.awaitLine(l -> l.startsWith("pushToTalkPressed"), KEY);
            x.run("xdotool", "keyup", "F8");
            probe.awaitLine(l -> l.startsWith("pushToTalkReleased"), KEY);

            assertThat(probe.lines())
                    .filteredOn(l -> !l.startsWith("availability"))
                    .containsExactly(
                            "togglePressed hotkey-events",
                            "pushToTalkPressed hotkey-events",
                            "pushToTalkReleased hotkey-events");
            probe.send("quit");
            probe.awaitLine("closed"::equals, KEY);
            assertThat(probe.process().waitFor())
                    .as("the hook's thread lets the JVM exit")
                    .isZero();
        }
    }

    @Test
    void anXServerWithoutRecordIsReportedNotThrown() throws Exception {
        assumeXvfb();
        try (XvfbDisplay x = XvfbDisplay.start("-extension");
                ChildJvm probe = ChildJvm.start(
                        HotkeyProbeMain.class, x.env(), List.of(), dir.resolve("probe.err"), "F8", "-")) {
            assertThat(probe.awaitLine(l -> l.startsWith("availability"), STARTUP))
                    .isEqualTo("availability UNAVAILABLE "
                            + "Global hotkeys are unavailable: the X server has no RECORD extension, which listening to global "
                            + "keys needs. The window's own shortcuts (F9, Ctrl+Space) still work.");
            probe.send("quit");
            probe.awaitLine("closed"::equals, KEY);
        }
    }

    @Test
    void noDisplayIsReportedWithoutTryingTheHook() {
        try (GlobalHotkeys hotkeys = new GlobalHotkeys(Map.of("PATH", "/usr/bin"), "Linux", IGNORE)) {
            HotkeyAvailability a = hotkeys.bind(HotkeyBindings.parse("F8", ""));
            assertThat(a.state()).isEqualTo(HotkeyAvailability.State.UNAVAILABLE);
            assertThat(a.message())
                    .isEqualTo("Global hotkeys are unavailable: there is no X display (DISPLAY is not "
                            + "set). The window's own shortcuts (F9, Ctrl+Space) still work.");
            assertThat(hotkeys.availability()).isEqualTo(a);
        }
    }

    @Test
    void waylandWithoutXWaylandSaysWhy() {
        try (GlobalHotkeys hotkeys = new GlobalHotkeys(
                Map.of("XDG_SESSION_TYPE", "wayland", "WAYLAND_DISPLAY", "wayland-0"), "Linux", IGNORE)) {
            HotkeyAvailability a = hotkeys.bind(HotkeyBindings.parse("", "Ctrl+Alt+Space"));
            assertThat(a.state()).isEqualTo(HotkeyAvailability.State.UNAVAILABLE);
            assertThat(a.message())
                    .contains("Wayland session has no XWayland display")
                    .contains("Wayland lets no application listen to keys typed into another");
        }
    }

    @Test
    void noBindingsMeansOffWithoutAnyHook() {
        try (GlobalHotkeys hotkeys = new GlobalHotkeys(Map.of(), "Linux", IGNORE)) {
            assertThat(hotkeys.bind(HotkeyBindings.none())).isEqualTo(HotkeyAvailability.off());
        }
    }

    @Test
    void waylandWithXWaylandIsLimitedToXWaylandWindows() {
        HotkeyAvailability a = HotkeyPlatform.running(
                Map.of("XDG_SESSION_TYPE", "wayland", "DISPLAY", ":0"), "Linux", HotkeyBindings.parse("F8", ""));
        assertThat(a.state()).isEqualTo(HotkeyAvailability.State.LIMITED);
        assertThat(a.message()).contains("only work while an XWayland application has focus");
        assertThat(HotkeyPlatform.refusal(Map.of("XDG_SESSION_TYPE", "wayland", "DISPLAY", ":0"), "Linux"))
                .isEmpty();
    }
}
