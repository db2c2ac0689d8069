package dev.voiceconsole.journal;

/** The journal file cannot be opened, read or written; the message says which file and why. */
public final class JournalException extends RuntimeException {

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
