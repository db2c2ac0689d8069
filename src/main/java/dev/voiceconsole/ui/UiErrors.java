package dev.voiceconsole.ui;

import io.grpc.StatusRuntimeException;

/** Turns exceptions into one line a user can read: the message, never a stack trace. */
final class UiErrors {

    private UiErrors() {
    }

    static String describe(Throwable t) {
        Throwable e = t;
        while ((e.getMessage() == null || e.getMessage().isBlank()) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof StatusRuntimeException s) {
            String d = s.getStatus().getDescription();
            return switch (s.getStatus().getCode()) {
                case UNAVAILABLE -> "the voice worker is not reachable" + (d == null ? "" : " (" + d + ")");
                case DEADLINE_EXCEEDED -> "the voice worker did not answer in time";
                default -> d == null ? s.getStatus().getCode().toString() : d;
            };
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
