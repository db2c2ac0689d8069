package dev.voiceconsole.sidecar;

/** The sidecar could not be brought up; {@link #cause()} says which way, the message says why in words. */
public final class SidecarStartException extends Exception {

    public enum Cause {
        /** The java executable to run it with is missing or not executable. */
        RUNTIME_MISSING,
        /** It exited (or printed garbage and exited) before it was ready. */
        FAILED_START,
        /** It did not print its ready line in time. */
        READY_TIMEOUT,
        /** It is up but speaks another protocol version, or is not the worker that was started. */
        INCOMPATIBLE
    }

    private final Cause cause;
    private final String reason;

    /**
     * @param reason one short line, fit for a health panel ("embedded (fallback: reason)")
     * @param details what helps a developer (the sidecar's last stderr lines); may be empty
     */
    public SidecarStartException(Cause cause, String reason, String details, Throwable detail) {
        super(details == null || details.isEmpty() ? reason : reason + "; " + details, detail);
        this.cause = cause;
        this.reason = reason;
    }

    public SidecarStartException(Cause cause, String reason) {
        this(cause, reason, "", null);
    }

    public String reason() {
        return reason;
    }

    public Cause cause() {
        return cause;
    }
}
