package dev.voiceconsole.desktop;

/** Text could not be handed to the focused application; the message says what failed, in words for the user. */
public final class TextOutputException extends Exception {

    public TextOutputException(String message) {
        super(message);
    }

    public TextOutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
