package dev.voiceconsole.cli;

/** Process exit codes every command shares; scripts and the installer checks rely on them. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int INTERNAL_ERROR = 1;
    public static final int BAD_INPUT = 2;

    private ExitCodes() {
    }
}
