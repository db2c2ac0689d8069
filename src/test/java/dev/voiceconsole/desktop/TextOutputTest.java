package dev.voiceconsole.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which strategy each desktop gets, and what reaches the typing tool, checked with stand-in tools on a private PATH. */
class TextOutputTest {

    @TempDir
    Path dir;

    private StandInTools tools;

    @BeforeEach
    void bin() throws Exception {
        tools = new StandInTools(dir.resolve("bin"));
    }

    private Map<String, String> session(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", tools.bin().toString());
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private TextOutputChoice choose(TextOutputMode mode, Map<String, String> env) {
        return new TextOutputChooser(env, "Linux").choose(mode);
    }

    @Test
    void x11TypesWithXdotoolAndPastesWithXclipAndXdotool() throws Exception {
        tools.recording("xdotool");
        tools.recording("xclip");
        Map<String, String> x11 = session("DISPLAY", ":5", "XDG_SESSION_TYPE", "x11");
        assertThat(choose(TextOutputMode.TYPE, x11).output()).isInstanceOf(XdotoolTypeOutput.class);
        assertThat(choose(TextOutputMode.TYPE, x11).notice()).isEmpty();
        assertThat(choose(TextOutputMode.PASTE, x11).output()).isInstanceOf(ClipboardPasteOutput.class);
        assertThat(choose(TextOutputMode.PASTE, x11).notice()).isEmpty();
        assertThat(choose(TextOutputMode.CONSOLE, x11).output()).isInstanceOf(ConsoleOnlyOutput.class);
    }

    @Test
    void pasteWithoutXclipTypesAndSaysSo() throws Exception {
        tools.recording("xdotool");
        TextOutputChoice choice = choose(TextOutputMode.PASTE, session("DISPLAY", ":5"));
        assertThat(choice.output()).isInstanceOf(XdotoolTypeOutput.class);
        assertThat(choice.notice())
                .isEqualTo("xclip is not installed, so text is typed instead of pasted; install xclip to paste");
    }

    @Test
    void noToolKeepsTextInTheConsoleAndNamesWhatToInstall() {
        TextOutputChoice choice = choose(TextOutputMode.PASTE, session("DISPLAY", ":5"));
        assertThat(choice.output()).isInstanceOf(ConsoleOnlyOutput.class);
        assertThat(choice.notice())
                .isEqualTo("Text stays in the console: xdotool is not installed; install xdotool "
                        + "and xclip to paste text into other applications.");
    }

    @Test
    void waylandTypesWithWtypeAndCannotPaste() throws Exception {
        tools.recording("wtype");
        tools.recording("xdotool");
        tools.recording("xclip");
        Map<String, String> wayland =
                session("XDG_SESSION_TYPE", "wayland", "WAYLAND_DISPLAY", "wayland-0", "DISPLAY", ":0");
        assertThat(choose(TextOutputMode.TYPE, wayland).output()).isInstanceOf(WtypeOutput.class);
        assertThat(choose(TextOutputMode.TYPE, wayland).notice()).isEmpty();
        TextOutputChoice paste = choose(TextOutputMode.PASTE, wayland);
        assertThat(paste.output()).isInstanceOf(WtypeOutput.class);
        assertThat(paste.notice()).isEqualTo("pasting is not supported on Wayland; text is typed with wtype instead");
    }

    @Test
    void waylandWithoutWtypeFallsBackToXWaylandOrTheConsole() throws Exception {
        tools.recording("xdotool");
        TextOutputChoice xwayland =
                choose(TextOutputMode.TYPE, session("XDG_SESSION_TYPE", "wayland", "DISPLAY", ":0"));
        assertThat(xwayland.output()).isInstanceOf(XdotoolTypeOutput.class);
        assertThat(xwayland.notice()).contains("only reaches XWayland windows");
        TextOutputChoice pureWayland = choose(TextOutputMode.TYPE, session("XDG_SESSION_TYPE", "wayland"));
        assertThat(pureWayland.output()).isInstanceOf(ConsoleOnlyOutput.class);
        assertThat(pureWayland.notice())
                .isEqualTo("Text stays in the console: this Wayland session needs wtype to "
                        + "type into other applications; install it.");
    }

    @Test
    void noGraphicalSessionOrAnotherSystemKeepsTextInTheConsole() throws Exception {
        tools.recording("xdotool");
        assertThat(choose(TextOutputMode.TYPE, session()).notice())
                .isEqualTo("Text stays in the console: there is no graphical session (DISPLAY is not set).");
        TextOutputChoice windows =
                new TextOutputChooser(session("DISPLAY", ":0"), "Windows 11").choose(TextOutputMode.TYPE);
        assertThat(windows.output()).isInstanceOf(ConsoleOnlyOutput.class);
        assertThat(windows.notice()).contains("only supported on Linux");
    }

    @Test
    void textReachesTheToolAsOneUninterpretedArgumentAfterTheOptions() throws Exception {
        tools.recording("xdotool");
        tools.recording("wtype");
        String text = "-n it's \"quoted\" $HOME `id` ; rm -rf * \\ ünïcødé 🎤 日本語";
        choose(TextOutputMode.TYPE, session("DISPLAY", ":5")).output().send(text);
        choose(TextOutputMode.TYPE, session("XDG_SESSION_TYPE", "wayland"))
                .output()
                .send(text);

        assertThat(tools.calls("xdotool"))
                .containsExactly(List.of("type", "--clearmodifiers", "--delay", "8", "--", text));
        assertThat(tools.calls("wtype")).containsExactly(List.of("--", text));
    }

    @Test
    void aFailingToolKeepsTheTextAndSaysWhy() throws Exception {
        tools.failing("xdotool", 1, "Error: Can't open display: :5");
        List<String> errors = new CopyOnWriteArrayList<>();
        TextOutput output =
                choose(TextOutputMode.TYPE, session("DISPLAY", ":5")).output();
        try (TextDelivery delivery = new TextDelivery(output, errors::add)) {
            delivery.submit("alpha bravo");
            await().atMost(Duration.ofSeconds(5)).until(() -> !errors.isEmpty());
        }
        assertThat(errors)
                .containsExactly("Text did not reach the focused application (xdotool failed (exit 1): "
                        + "Error: Can't open display: :5); it is in the console: \"alpha bravo\"");
    }

    @Test
    void aHangingToolIsStoppedAfterItsTimeLimit() throws Exception {
        tools.hanging("xdotool");
        ExternalTool hanging = new ExternalTool(tools.bin().resolve("xdotool"), session("DISPLAY", ":5"));
        long started = System.nanoTime();
        assertThatThrownBy(() -> hanging.run(List.of("type", "--", "x"), null, Duration.ofMillis(300)))
                .isInstanceOf(TextOutputException.class)
                .hasMessage("xdotool did not finish within 300 ms and was stopped");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void segmentsArriveInCommitOrderSeparatedBySpaces() throws Exception {
        tools.recording("xdotool");
        List<String> errors = new ArrayList<>();
        try (TextDelivery delivery = new TextDelivery(
                choose(TextOutputMode.TYPE, session("DISPLAY", ":5")).output(), errors::add)) {
            for (String s : List.of("one", "  two ", "", "three")) {
                delivery.submit(s);
            }
        } // close finishes what was queued
        assertThat(tools.calls("xdotool"))
                .extracting(call -> call.get(call.size() - 1))
                .containsExactly("one", " two", " three");
        assertThat(errors).isEmpty();
    }

    @Test
    void consoleOnlyRunsNoTool() throws Exception {
        tools.recording("xdotool");
        try (TextDelivery delivery = new TextDelivery(
                choose(TextOutputMode.CONSOLE, session("DISPLAY", ":5")).output(), e -> {
                    throw new AssertionError(e);
                })) {
            delivery.submit("kept in the console");
        }
        assertThat(tools.calls("xdotool")).isEmpty();
    }
}
