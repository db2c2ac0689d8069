package dev.voiceconsole.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The one reading of a failed call that recovery, the console, the CLI and the supervisor share. */
class WorkerFailureTest {

    private static WorkerFailure failure(Status.Code code) {
        return WorkerFailure.of(Status.fromCode(code).withDescription("why").asRuntimeException());
    }

    @ParameterizedTest
    @EnumSource(Status.Code.class)
    void everyCodeHasExactlyTheMeaningsItsNamePromises(Status.Code code) {
        WorkerFailure f = failure(code);
        Set<Status.Code> lost = EnumSet.of(Status.Code.UNAVAILABLE, Status.Code.CANCELLED);
        Set<Status.Code> user = EnumSet.of(
                Status.Code.INVALID_ARGUMENT,
                Status.Code.NOT_FOUND,
                Status.Code.ALREADY_EXISTS,
                Status.Code.FAILED_PRECONDITION,
                Status.Code.OUT_OF_RANGE);
        Set<Status.Code> operational = EnumSet.of(
                Status.Code.UNAVAILABLE,
                Status.Code.RESOURCE_EXHAUSTED,
                Status.Code.DEADLINE_EXCEEDED,
                Status.Code.UNAUTHENTICATED,
                Status.Code.PERMISSION_DENIED,
                Status.Code.ABORTED);
        Set<Status.Code> retryable = EnumSet.of(
                Status.Code.UNAVAILABLE,
                Status.Code.CANCELLED,
                Status.Code.DEADLINE_EXCEEDED,
                Status.Code.RESOURCE_EXHAUSTED,
                Status.Code.UNKNOWN);

        assertThat(f.isWorkerLost()).isEqualTo(lost.contains(code));
        assertThat(f.isUserMistake()).isEqualTo(user.contains(code));
        assertThat(f.isOperational()).isEqualTo(operational.contains(code));
        assertThat(f.isRetryable()).isEqualTo(retryable.contains(code));
        assertThat(f.isUserMistake() && f.isOperational())
                .as("never both the user's and the worker's")
                .isFalse();
    }

    @Test
    void peopleReadWordsAndLogsReadTheCode() {
        assertThat(failure(Status.Code.UNAVAILABLE).forPeople()).isEqualTo("the voice worker is not reachable (why)");
        assertThat(failure(Status.Code.DEADLINE_EXCEEDED).forPeople())
                .isEqualTo("the voice worker did not answer in time");
        assertThat(failure(Status.Code.RESOURCE_EXHAUSTED).forPeople()).isEqualTo("why");
        assertThat(WorkerFailure.of(Status.INTERNAL.asRuntimeException()).forPeople())
                .isEqualTo("INTERNAL");
        assertThat(failure(Status.Code.NOT_FOUND).technical()).isEqualTo("NOT_FOUND: why");
    }

    @Test
    void anExceptionWithoutAStatusIsUnknownAndMayBeRetried() {
        WorkerFailure f = WorkerFailure.of(new IOException("disk"));
        assertThat(f.code()).isEqualTo(Status.Code.UNKNOWN);
        assertThat(f.kind()).isEqualTo(WorkerFailure.Kind.INTERNAL);
        assertThat(f.isRetryable()).isTrue();
    }

    @Test
    void aHealthProbeNamesUnreachableAndUnauthenticatedApart() {
        assertThat(failure(Status.Code.UNAVAILABLE).healthState()).isEqualTo("UNREACHABLE");
        assertThat(failure(Status.Code.DEADLINE_EXCEEDED).healthState()).isEqualTo("UNREACHABLE");
        assertThat(failure(Status.Code.UNAUTHENTICATED).healthState()).isEqualTo("UNAUTHENTICATED");
        assertThat(failure(Status.Code.PERMISSION_DENIED).healthState()).isEqualTo("NOT_SERVING");
        assertThat(failure(Status.Code.RESOURCE_EXHAUSTED).healthState()).isEqualTo("NOT_SERVING");
    }
}
