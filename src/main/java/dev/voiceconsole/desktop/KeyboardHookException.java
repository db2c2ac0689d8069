package dev.voiceconsole.desktop;

/** The platform refused the global keyboard hook; the message is the reason, in words for the user. */
final class KeyboardHookException extends Exception {

    KeyboardHookException(String message, Throwable cause) {
        super(message, cause);
    }
}
