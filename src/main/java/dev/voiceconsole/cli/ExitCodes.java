package dev.voiceconsole.cli;

/** Process exit codes every command shares; scripts and the installer checks rely on them. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int INTERNAL_ERROR = 1;
    public static final int BAD_INPUT = 2;
    /** {@code health}: the worker serves but is at capacity. */
    public static final int DEGRADED = 3;
    /** {@code health}: the worker is draining, unusable, unreachable or refused the token. */
    public static final int NOT_SERVING = 4;
    /** {@code sidecar}: the requested port is taken by another process. */
    public static final int PORT_IN_USE = 5;

    private ExitCodes() {}
}
