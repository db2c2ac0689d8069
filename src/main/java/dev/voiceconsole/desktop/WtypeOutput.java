package dev.voiceconsole.desktop;

import java.util.List;

/** Types text into the focused Wayland window with {@code wtype} (compositors with the virtual-keyboard protocol). */
final class WtypeOutput implements TextOutput {

    private final ExternalTool wtype;

    WtypeOutput(ExternalTool wtype) {
        this.wtype = wtype;
    }

    @Override
    public void send(String text) throws TextOutputException {
        wtype.run(List.of("--", text), null, XdotoolTypeOutput.typingTime(text)); // "--": a leading dash is text
    }

    @Override
    public String description() {
        return "typed with wtype";
    }
}
