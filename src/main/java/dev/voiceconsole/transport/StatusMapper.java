package dev.voiceconsole.transport;

import dev.voiceconsole.worker.WorkerException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** The one place where worker failures become gRPC statuses. */
public final class StatusMapper {

    private StatusMapper() {}

    public static Status toStatus(WorkerException e) {
        Status.Code code = switch (e.reason()) {
            case INVALID_ARGUMENT -> Status.Code.INVALID_ARGUMENT;
            case DEADLINE_EXCEEDED -> Status.Code.DEADLINE_EXCEEDED;
            case NOT_FOUND -> Status.Code.NOT_FOUND;
            case ALREADY_EXISTS -> Status.Code.ALREADY_EXISTS;
            case RESOURCE_EXHAUSTED -> Status.Code.RESOURCE_EXHAUSTED;
            case FAILED_PRECONDITION -> Status.Code.FAILED_PRECONDITION;
            case INTERNAL -> Status.Code.INTERNAL;
            case UNAVAILABLE -> Status.Code.UNAVAILABLE;
        };
        return code.toStatus().withDescription(e.getMessage());
    }

    /**
     * A request body that is not the method's message (a bad protobuf encoding, invalid UTF-8 in a string): the
     * client's mistake, so INVALID_ARGUMENT, described in one line without the parser's trace.
     */
    public static Status malformedRequest(String fullMethodName, int bytes, Throwable parseFailure) {
        Throwable root = parseFailure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return Status.INVALID_ARGUMENT.withDescription(
                "malformed " + fullMethodName + " request (" + bytes + " bytes): " + root.getMessage());
    }

    /** Any failure of a call: worker refusals keep their reason, anything else is an internal error. */
    public static StatusRuntimeException toException(Throwable t) {
        if (t instanceof WorkerException we) {
            return toStatus(we).asRuntimeException();
        }
        if (t instanceof StatusRuntimeException sre) {
            return sre;
        }
        return Status.INTERNAL
                .withDescription("internal worker error: " + t)
                .withCause(t)
                .asRuntimeException();
    }
}
