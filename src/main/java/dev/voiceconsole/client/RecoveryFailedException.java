package dev.voiceconsole.client;

/** The worker was lost and no replacement took the session over in time, or the loss was not recoverable. */
public class RecoveryFailedException extends RuntimeException {
    public RecoveryFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
