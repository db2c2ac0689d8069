package dev.voiceconsole.journal;

/** The journal file cannot be opened, read or written; the message says which file and why. */
public final class JournalException extends RuntimeException {

    private final boolean diskFull;

    public JournalException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public JournalException(String message, Throwable cause, boolean diskFull) {
        super(message, cause);
        this.diskFull = diskFull;
    }

    /** The disk (or SQLite's page limit) is full: the write may succeed once there is room again. */
    public boolean diskFull() {
        return diskFull;
    }
}
