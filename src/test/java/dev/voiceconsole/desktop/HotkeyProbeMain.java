package dev.voiceconsole.desktop;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs the real {@link GlobalHotkeys} in a JVM of its own (the native hook reads DISPLAY from the process
 * environment). Args: push-to-talk and toggle hotkey texts ("-" = none). Prints "availability STATE message",
 * then one line per action with the thread it arrived on; "quit" on stdin closes the service and exits.
 */
public final class HotkeyProbeMain {

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        HotkeyListener listener = new HotkeyListener() {
            @Override
            public void pushToTalkPressed() {
                out.println("pushToTalkPressed " + Thread.currentThread().getName());
            }

            @Override
            public void pushToTalkReleased() {
                out.println("pushToTalkReleased " + Thread.currentThread().getName());
            }

            @Override
            public void togglePressed() {
                out.println("togglePressed " + Thread.currentThread().getName());
            }
        };
        try (GlobalHotkeys hotkeys = GlobalHotkeys.forThisSession(listener)) {
            HotkeyAvailability a = hotkeys.bind(HotkeyBindings.parse(none(args[0]), none(args[1])));
            out.println("availability " + a.state() + " " + a.message());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null && !line.equals("quit"); ) {
                // wait for the test to finish its keys
            }
        }
        out.println("closed");
    }

    private static String none(String arg) {
        return arg.equals("-") ? "" : arg;
    }
}
