package dev.voiceconsole.client;

import io.grpc.Status;

/**
 * What a failed call to a worker means, the client-side counterpart of the worker's {@code StatusMapper}: every
 * place that reacts to a failure (recovery, batch moves, the console's messages, the CLI's exit codes, health
 * checks, the supervisor) asks this one classifier instead of reading status codes itself.
 *
 * @param code        the gRPC status code ({@code UNKNOWN} for an exception that carries no status)
 * @param description the worker's (or transport's) words, or null
 */
public record WorkerFailure(Status.Code code, String description) {

    /** What kind of failure this is, in the terms a client acts on. */
    public enum Kind {
        /** The worker, or the way to it, went away: connection refused or lost, worker stopped. */
        UNREACHABLE,
        /** The call was cut on the way (the transport ended it); for a stream, the worker is as good as lost. */
        CANCELLED,
        /** No answer within the deadline. */
        TIMED_OUT,
        /** The worker answers but has no room (sessions, queue, memory). */
        OVERLOADED,
        /** The token is missing or wrong. */
        NOT_AUTHORIZED,
        /** The request itself was wrong: bad input, unknown session, wrong state. */
        BAD_REQUEST,
        /** The worker gave up on the call (a conflict it reports as such). */
        ABORTED,
        /** Anything else: a defect on one side or the other. */
        INTERNAL
    }

    public static WorkerFailure of(Throwable t) {
        Status s = Status.fromThrowable(t);
        return new WorkerFailure(s.getCode(), s.getDescription());
    }

    public Kind kind() {
        return switch (code) {
            case UNAVAILABLE -> Kind.UNREACHABLE;
            case CANCELLED -> Kind.CANCELLED;
            case DEADLINE_EXCEEDED -> Kind.TIMED_OUT;
            case RESOURCE_EXHAUSTED -> Kind.OVERLOADED;
            case UNAUTHENTICATED, PERMISSION_DENIED -> Kind.NOT_AUTHORIZED;
            case INVALID_ARGUMENT, NOT_FOUND, ALREADY_EXISTS, FAILED_PRECONDITION, OUT_OF_RANGE -> Kind.BAD_REQUEST;
            case ABORTED -> Kind.ABORTED;
            default -> Kind.INTERNAL;
        };
    }

    /** The stream broke because the worker (or the way to it) went away, not because of what was sent: recover. */
    public boolean isWorkerLost() {
        return kind() == Kind.UNREACHABLE || kind() == Kind.CANCELLED;
    }

    /**
     * Whether asking again, later or elsewhere, may succeed: a lost, slow or full worker, or an unexplained failure
     * (UNKNOWN: a replacement still starting may answer with one). A wrong request or a refused token never will.
     */
    public boolean isRetryable() {
        return isWorkerLost() || kind() == Kind.TIMED_OUT || kind() == Kind.OVERLOADED || code == Status.Code.UNKNOWN;
    }

    /** The request was the user's mistake (their input, their session id): say so in one line. */
    public boolean isUserMistake() {
        return kind() == Kind.BAD_REQUEST;
    }

    /**
     * The worker cannot serve the request as asked (gone, full, too slow, refusing the token, giving up): an
     * operational fact to state in one line, not a defect to trace.
     */
    public boolean isOperational() {
        return switch (kind()) {
            case UNREACHABLE, TIMED_OUT, OVERLOADED, NOT_AUTHORIZED, ABORTED -> true;
            default -> false;
        };
    }

    /** One line for a person: what happened, in words, with the worker's own reason where it gave one. */
    public String forPeople() {
        return switch (kind()) {
            case UNREACHABLE ->
                "the voice worker is not reachable" + (description == null ? "" : " (" + description + ")");
            case TIMED_OUT -> "the voice worker did not answer in time";
            default -> description == null ? code.toString() : description;
        };
    }

    /** For logs and technical messages: the code and the description, as in "UNAVAILABLE: io exception". */
    public String technical() {
        return code + (description == null ? "" : ": " + description);
    }

    /** The state a health probe reports when the call itself failed. */
    public String healthState() {
        return switch (kind()) {
            case UNREACHABLE, TIMED_OUT -> "UNREACHABLE";
            default -> code == Status.Code.UNAUTHENTICATED ? "UNAUTHENTICATED" : "NOT_SERVING";
        };
    }
}
