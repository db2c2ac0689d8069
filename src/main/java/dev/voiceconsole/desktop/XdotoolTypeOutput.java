package dev.voiceconsole.desktop;

import java.time.Duration;
import java.util.List;

/** Types text as keystrokes into the focused X11 window with {@code xdotool type}. */
final class XdotoolTypeOutput implements TextOutput {

    /** Milliseconds between keystrokes: fast, yet slow enough for applications that drop keys typed in a burst. */
    static final int KEY_DELAY_MS = 8;

    private final ExternalTool xdotool;

    XdotoolTypeOutput(ExternalTool xdotool) {
        this.xdotool = xdotool;
    }

    @Override
    public void send(String text) throws TextOutputException {
        // --clearmodifiers: a push-to-talk key's Ctrl or Alt may still be held, which would turn letters into
        // shortcuts.
        // "--" ends the options, so text starting with a dash is typed, not read as an option.
        xdotool.run(
                List.of("type", "--clearmodifiers", "--delay", Integer.toString(KEY_DELAY_MS), "--", text),
                null,
                typingTime(text));
    }

    /** Enough for the keystrokes themselves plus a generous start-up allowance. */
    static Duration typingTime(String text) {
        return Duration.ofSeconds(5).plusMillis(3L * KEY_DELAY_MS * text.codePointCount(0, text.length()));
    }

    @Override
    public String description() {
        return "typed with xdotool";
    }
}
