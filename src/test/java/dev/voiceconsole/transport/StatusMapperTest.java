package dev.voiceconsole.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceconsole.worker.WorkerException;
import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StatusMapperTest {

    @ParameterizedTest
    @EnumSource(WorkerException.Reason.class)
    void everyReasonMapsToTheStatusOfTheSameNameAndNumber(WorkerException.Reason reason) {
        Status status = StatusMapper.toStatus(new WorkerException(reason, "because"));
        assertThat(status.getCode().name()).isEqualTo(reason.name());
        // ErrorEvents carry reason.code() without io.grpc; it must be the real status number.
        assertThat(status.getCode().value()).isEqualTo(reason.code());
        assertThat(status.getDescription()).isEqualTo("because");
    }

    @Test
    void unexpectedFailuresAreInternal() {
        Status status =
                StatusMapper.toException(new IllegalStateException("boom")).getStatus();
        assertThat(status.getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(status.getDescription()).contains("boom");
    }
}
