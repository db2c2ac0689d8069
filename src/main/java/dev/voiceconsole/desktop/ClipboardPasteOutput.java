package dev.voiceconsole.desktop;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pastes text into the focused X11 window: keeps the user's clipboard text, puts the segment on the clipboard,
 * presses Ctrl+V with xdotool, then puts the user's text back. Pasting is instant however long the segment, and
 * reaches characters the keyboard layout cannot type.
 *
 * <p>Only text can be put back; when the clipboard holds something else (an image), the segment is typed instead
 * so the user's clipboard is left alone.
 */
final class ClipboardPasteOutput implements TextOutput {

    private static final Logger LOG = LoggerFactory.getLogger(ClipboardPasteOutput.class);
    private static final Set<String> TEXT_TARGETS =
            Set.of("UTF8_STRING", "STRING", "TEXT", "text/plain", "text/plain;charset=utf-8");
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(5);

    private final ExternalTool xclip;
    private final ExternalTool xdotool;
    private final TextOutput typing;
    private final Duration restoreDelay;

    /**
     * @param restoreDelay how long the application gets to fetch the pasted text before the clipboard changes back:
     *                     Ctrl+V only asks it to fetch, and X11 says nothing about when it has
     */
    ClipboardPasteOutput(ExternalTool xclip, ExternalTool xdotool, Duration restoreDelay) {
        this.xclip = xclip;
        this.xdotool = xdotool;
        this.typing = new XdotoolTypeOutput(xdotool);
        this.restoreDelay = restoreDelay;
    }

    /** What the clipboard held before: text to restore, nothing, or something this class cannot restore. */
    private record Saved(String text, boolean restorable) {}

    @Override
    public void send(String text) throws TextOutputException {
        Saved saved = save();
        if (!saved.restorable()) {
            LOG.info("the clipboard holds non-text data; typing the segment instead of pasting it");
            typing.send(text);
            return;
        }
        put(text);
        try {
            xdotool.run(List.of("key", "--clearmodifiers", "ctrl+v"), null, TOOL_TIMEOUT);
            Thread.sleep(restoreDelay.toMillis()); // time for the application to fetch; see the constructor
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            put(saved.text());
        }
    }

    private Saved save() throws TextOutputException {
        String targets;
        try {
            targets = xclip.run(List.of("-selection", "clipboard", "-o", "-t", "TARGETS"), null, TOOL_TIMEOUT);
        } catch (TextOutputException e) {
            return new Saved("", true); // nobody owns the clipboard: it was empty
        }
        List<String> offered =
                targets.lines().map(String::strip).filter(t -> !t.isEmpty()).toList();
        if (offered.stream().anyMatch(TEXT_TARGETS::contains)) {
            String target = offered.contains("UTF8_STRING") ? "UTF8_STRING" : "STRING";
            return new Saved(
                    xclip.run(List.of("-selection", "clipboard", "-o", "-t", target), null, TOOL_TIMEOUT), true);
        }
        return offered.stream()
                        .allMatch(t -> t.equals("TARGETS")
                                || t.equals("TIMESTAMP")
                                || t.equals("MULTIPLE")
                                || t.equals("SAVE_TARGETS"))
                ? new Saved("", true)
                : new Saved(null, false);
    }

    private void put(String text) throws TextOutputException {
        // xclip keeps serving the text from a background process until another program takes the clipboard.
        xclip.run(
                List.of("-selection", "clipboard", "-i", "-t", "UTF8_STRING"),
                text.getBytes(StandardCharsets.UTF_8),
                TOOL_TIMEOUT);
    }

    @Override
    public String description() {
        return "pasted with xclip and xdotool (clipboard restored)";
    }
}
