package dev.voiceconsole.cli;

/** A mistake the user can fix (bad file, bad option value): one line on stderr, exit code 2, no stack trace. */
public class UserInputException extends RuntimeException {
    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
