package dev.voiceconsole.ui.common;

import dev.voiceconsole.client.WorkerFailure;
import io.grpc.StatusRuntimeException;

/** Turns exceptions into one line a user can read: the message, never a stack trace. */
public final class UiErrors {

    private UiErrors() {}

    public static String describe(Throwable t) {
        Throwable e = t;
        while ((e.getMessage() == null || e.getMessage().isBlank()) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof StatusRuntimeException s) {
            return WorkerFailure.of(s).forPeople();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
