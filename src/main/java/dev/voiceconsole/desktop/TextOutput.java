package dev.voiceconsole.desktop;

/** Puts committed text into the application the user is writing in. Implementations may block (external tools). */
public interface TextOutput {

    /**
     * Delivers {@code text} to the focused application.
     *
     * @throws TextOutputException with the reason when the text did not (or may not have) arrived
     */
    void send(String text) throws TextOutputException;

    /** For the settings page: "typed with xdotool", "console only". */
    String description();
}
