package dev.voiceconsole.cli;

/**
 * {@code --mode sidecar --no-fallback} and the sidecar could not be used: not the user's mistake, not a bug either,
 * so one readable line (with the sidecar's own last words) instead of a stack trace; exit code 1.
 */
final class SidecarUnavailableException extends RuntimeException {
    SidecarUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
