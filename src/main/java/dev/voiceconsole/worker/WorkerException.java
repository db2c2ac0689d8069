package dev.voiceconsole.worker;

/**
 * A request the worker refuses, with a reason the transport turns into a gRPC status (in one place:
 * {@code transport.StatusMapper}). The message is meant for a person.
 */
public class WorkerException extends RuntimeException {

    /**
     * Why a request failed. Each reason carries the canonical status code number and name so the worker can
     * put them into an {@code ErrorEvent} without depending on io.grpc (the numbers are the canonical ones
     * every gRPC implementation shares).
     */
    public enum Reason {
        INVALID_ARGUMENT(3),
        DEADLINE_EXCEEDED(4),
        NOT_FOUND(5),
        ALREADY_EXISTS(6),
        RESOURCE_EXHAUSTED(8),
        FAILED_PRECONDITION(9),
        INTERNAL(13),
        UNAVAILABLE(14);

        private final int code;

        Reason(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    private final Reason reason;

    public WorkerException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public WorkerException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
