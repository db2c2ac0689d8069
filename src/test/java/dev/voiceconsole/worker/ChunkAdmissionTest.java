package dev.voiceconsole.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ChunkAdmissionTest {

    private static final int CHUNK = 640;
    private final ChunkAdmission admission = new ChunkAdmission("s-1", 1, 4096, 3 * CHUNK);

    @Test
    void chunksInOrderAreAcceptedAndAResentOneIsADuplicate() {
        assertThat(admission.admit(1, "", CHUNK, 0)).isEqualTo(new ChunkAdmission.Accepted(OptionalLong.empty()));
        assertThat(admission.admit(2, "s-1", CHUNK, CHUNK))
                .isEqualTo(new ChunkAdmission.Accepted(OptionalLong.empty()));
        assertThat(admission.admit(2, "", CHUNK, 0)).isInstanceOf(ChunkAdmission.Duplicate.class);
        assertThat(admission.admit(1, "", CHUNK, 0)).isInstanceOf(ChunkAdmission.Duplicate.class);
        assertThat(admission.highestTaken()).isEqualTo(2);
    }

    @Test
    void aSkippedNumberIsReportedAsTheFirstOneMissing() {
        admission.admit(1, "", CHUNK, 0);
        assertThat(admission.admit(5, "", CHUNK, 0)).isEqualTo(new ChunkAdmission.Accepted(OptionalLong.of(2)));
    }

    @Test
    void sequenceNumbersAreUnsignedUpToTheLastUint64() {
        long twoTo63 = Long.MIN_VALUE;
        assertThat(admission.admit(twoTo63, "", CHUNK, 0)).isEqualTo(new ChunkAdmission.Accepted(OptionalLong.of(1)));
        assertThat(admission.admit(twoTo63 + 1, "", CHUNK, 0))
                .isEqualTo(new ChunkAdmission.Accepted(OptionalLong.empty()));
        assertThat(admission.admit(-1L, "", CHUNK, 0)).isInstanceOf(ChunkAdmission.Accepted.class); // 2^64 - 1
        assertThat(admission.admit(5, "", CHUNK, 0))
                .as("5 is below 2^64 - 1")
                .isInstanceOf(ChunkAdmission.Duplicate.class);
    }

    @Test
    void withoutRoomAChunkIsRejectedAndLaterOnesWaitForItsResend() {
        admission.admit(1, "", CHUNK, 0);
        assertThat(admission.admit(2, "", CHUNK, 3 * CHUNK))
                .isInstanceOfSatisfying(
                        ChunkAdmission.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(WorkerException.Reason.RESOURCE_EXHAUSTED));
        assertThat(admission.admit(3, "", CHUNK, 0))
                .isInstanceOfSatisfying(
                        ChunkAdmission.Rejected.class,
                        r -> assertThat(r.message()).contains("waiting for the resend of rejected chunk 2"));
        assertThat(admission.admit(2, "", CHUNK, 0)).isEqualTo(new ChunkAdmission.Accepted(OptionalLong.empty()));
        assertThat(admission.admit(3, "", CHUNK, 0)).isEqualTo(new ChunkAdmission.Accepted(OptionalLong.empty()));
    }

    @Test
    void anInvalidChunkIsUsedUpSoItsSuccessorsDoNotWait() {
        admission.admit(1, "", CHUNK, 0);
        assertThat(admission.admit(2, "", CHUNK, 3 * CHUNK)).isInstanceOf(ChunkAdmission.Rejected.class);
        // Its resend is malformed: no resend can ever succeed, so 3 must not wait for 2.
        assertThat(admission.admit(2, "", 641, 0))
                .isEqualTo(new ChunkAdmission.Consumed(
                        "chunk 2 has an odd byte count: 641 bytes is not a multiple of 2 (16-bit samples x 1 channel(s))",
                        OptionalLong.empty()));
        assertThat(admission.admit(3, "", CHUNK, 0)).isEqualTo(new ChunkAdmission.Accepted(OptionalLong.empty()));
        assertThat(admission.admit(5, "", 1, 0))
                .isEqualTo(new ChunkAdmission.Consumed(
                        "chunk 5 has an odd byte count: 1 bytes is not a multiple of 2 (16-bit samples x 1 channel(s))",
                        OptionalLong.of(4)));
    }

    @Test
    void eachWayAChunkCanBeMalformedIsNamed() {
        assertThat(admission.admit(0, "", CHUNK, 0))
                .isInstanceOfSatisfying(
                        ChunkAdmission.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(WorkerException.Reason.INVALID_ARGUMENT));
        assertThat(((ChunkAdmission.Consumed) admission.admit(1, "other", CHUNK, 0)).problem())
                .isEqualTo("chunk 1 names session other but this stream belongs to s-1");
        assertThat(((ChunkAdmission.Consumed) admission.admit(2, "", 0, 0)).problem())
                .isEqualTo("chunk 2 is empty");
        assertThat(((ChunkAdmission.Consumed) admission.admit(3, "", 4098, 0)).problem())
                .isEqualTo("chunk 3 is too large: 4098 bytes, the limit is 4096");
    }
}
