package dev.voiceconsole.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.voiceconsole.desktop.ChildJvm;
import dev.voiceconsole.desktop.TextTargetMain;
import dev.voiceconsole.desktop.XvfbDisplay;
import dev.voiceconsole.engine.HeldOutSpeech;
import dev.voiceconsole.testing.WindowTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8's acceptance test: on a private X server, another application's window has the focus; hotkeys sent with
 * xdotool start and stop dictation in the console (a separate process: the real app with the tone-word worker),
 * the committed text lands in the other window, and the user's clipboard is what it was before.
 */
@WindowTest
class TextIntoAnotherAppTest {

    private static final String TARGET_TITLE = "VoiceConsole test target";
    private static final String USERS_CLIPBOARD = "the user's own clipboard – keep me ✂";
    private static final List<String> MONOCLE = List.of(
            "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw", "-Djava.awt.headless=true");

    @TempDir
    Path dir;

    @Test
    void hotkeysDictateIntoTheFocusedWindowAndTheClipboardIsRestored() throws Exception {
        assumeTrue(
                XvfbDisplay.executable().isPresent(), "Xvfb is not installed (bash .ci/install-test-deps installs it)");
        try (XvfbDisplay x = XvfbDisplay.start("+extension");
                ChildJvm target = ChildJvm.start(
                        TextTargetMain.class, x.env(), List.of(), dir.resolve("target.err"), TARGET_TITLE);
                ChildJvm console = ChildJvm.start(
                        DesktopConsoleMain.class,
                        x.env(),
                        MONOCLE,
                        dir.resolve("console.err"),
                        dir.toString(),
                        "F8",
                        "Ctrl+Alt+Space",
                        "paste")) {
            x.setClipboard(USERS_CLIPBOARD);
            target.awaitLine("shown"::equals, Duration.ofSeconds(20));
            focus(x, target);

            assertThat(console.awaitLine(l -> l.startsWith("desktop"), Duration.ofSeconds(20)))
                    .isEqualTo("desktop Global "
                            + "hotkeys active: push-to-talk F8, toggle Ctrl+Alt+Space. | Text output: pasted with xclip and "
                            + "xdotool (clipboard restored).");
            console.awaitLine("worker READY"::equals, Duration.ofSeconds(20));

            // Push-to-talk: held while the sentence is spoken, released once it is final.
            // The pill comes with the hotkey, shows the words as they settle, and goes when the dictation ends.
            x.run("xdotool", "keydown", "F8");
            console.awaitLine("dictating true"::equals, Duration.ofSeconds(5));
            console.awaitLine("pill shown"::equals, Duration.ofSeconds(5));
            console.awaitLine(("final " + ToneRecordings.SENTENCE)::equals, Duration.ofSeconds(10));
            console.awaitLine(("pill words " + ToneRecordings.SENTENCE)::equals, Duration.ofSeconds(5));
            x.run("xdotool", "keyup", "F8");
            console.awaitLine("dictating false"::equals, Duration.ofSeconds(5));
            console.awaitLine("pill hidden"::equals, Duration.ofSeconds(5));
            awaitTargetText(target, ToneRecordings.SENTENCE);

            // Toggle: pressed to start, pressed again to stop; the second segment follows the first after a space.
            x.run("xdotool", "key", "ctrl+alt+space");
            await().atMost(Duration.ofSeconds(5)).until(() -> count(console, "dictating true") == 2);
            await().atMost(Duration.ofSeconds(10)).until(() -> count(console, "final " + ToneRecordings.SENTENCE) == 2);
            // Like a user, stop once the text is there: a chord pressed while Ctrl+V is being synthesized shares the
            // X server's modifier state with it, and its Ctrl release can turn the paste into a plain "v".
            awaitTargetText(target, ToneRecordings.SENTENCE + " " + ToneRecordings.SENTENCE);
            x.run("xdotool", "key", "ctrl+alt+space");
            await().atMost(Duration.ofSeconds(5)).until(() -> count(console, "dictating false") == 2);
            await().atMost(Duration.ofSeconds(5)).until(() -> count(console, "pill hidden") == 2);
            assertThat(count(console, "pill shown")).as("once per dictation").isEqualTo(2);
            awaitTargetText(target, ToneRecordings.SENTENCE + " " + ToneRecordings.SENTENCE);

            await().atMost(Duration.ofSeconds(5)).until(x::clipboard, USERS_CLIPBOARD::equals);
            assertThat(console.lines()).noneMatch(l -> l.startsWith("error"));
            console.send("quit");
            console.awaitLine("closed"::equals, Duration.ofSeconds(10));
        }
    }

    @Test
    void realWordsSpokenWithTheToggleLandInTheFocusedWindow() throws Exception {
        assumeTrue(
                XvfbDisplay.executable().isPresent(), "Xvfb is not installed (bash .ci/install-test-deps installs it)");
        assumeTrue(java.nio.file.Files.exists(HeldOutSpeech.MODEL), "trained fixture model not committed yet");
        String sentence = String.join(
                " ", HeldOutSpeech.words(HeldOutSpeech.entries().get(0).text()));
        try (XvfbDisplay x = XvfbDisplay.start("+extension");
                ChildJvm target = ChildJvm.start(
                        TextTargetMain.class, x.env(), List.of(), dir.resolve("target.err"), TARGET_TITLE);
                ChildJvm console = ChildJvm.start(
                        DesktopConsoleMain.class,
                        x.env(),
                        MONOCLE,
                        dir.resolve("console.err"),
                        dir.toString(),
                        "F8",
                        "Ctrl+Alt+Space",
                        "type",
                        "fixture")) {
            target.awaitLine("shown"::equals, Duration.ofSeconds(20));
            focus(x, target);
            console.awaitLine(l -> l.startsWith("desktop"), Duration.ofSeconds(20));
            console.awaitLine("worker READY"::equals, Duration.ofSeconds(30));

            x.run("xdotool", "key", "ctrl+alt+space");
            console.awaitLine("dictating true"::equals, Duration.ofSeconds(5));
            String heard = console.awaitLine(l -> l.startsWith("final "), Duration.ofSeconds(30))
                    .substring(6);
            assertThat(String.join(" ", HeldOutSpeech.words(heard)))
                    .as("the final the console heard")
                    .isEqualTo(sentence);
            awaitTargetText(target, heard);
            x.run("xdotool", "key", "ctrl+alt+space");
            console.awaitLine("dictating false"::equals, Duration.ofSeconds(5));
            assertThat(console.lines()).noneMatch(l -> l.startsWith("error"));
            console.send("quit");
            console.awaitLine("closed"::equals, Duration.ofSeconds(10));
        }
    }

    /**
     * Gives the target window the keyboard focus the way a user would, by clicking into its text field: without a
     * window manager, Java only accepts typed keys once it has taken the focus itself.
     */
    static void focus(XvfbDisplay x, ChildJvm target) throws Exception {
        String window = x.run("xdotool", "search", "--sync", "--name", TARGET_TITLE)
                .lines()
                .findFirst()
                .orElseThrow();
        x.run("xdotool", "windowfocus", "--sync", window);
        x.run("xdotool", "mousemove", "--window", window, "40", "20", "click", "1");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> target.lines().stream()
                        .filter(l -> l.equals("focused") || l.equals("unfocused"))
                        .reduce((a, b) -> b)
                        .orElse("")
                        .equals("focused"));
    }

    private static long count(ChildJvm jvm, String line) {
        return jvm.lines().stream().filter(line::equals).count();
    }

    private static void awaitTargetText(ChildJvm target, String expected) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            target.send("text");
            List<String> answers =
                    target.lines().stream().filter(l -> l.startsWith("text:")).toList();
            assertThat(answers)
                    .as("the target window's text")
                    .isNotEmpty()
                    .last()
                    .isEqualTo("text:" + expected);
        });
    }
}
