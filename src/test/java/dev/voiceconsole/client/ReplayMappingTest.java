package dev.voiceconsole.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceconsole.proto.v1.ChunkAck;
import dev.voiceconsole.proto.v1.DecodeEvent;
import dev.voiceconsole.proto.v1.ErrorEvent;
import dev.voiceconsole.proto.v1.FinalSegment;
import dev.voiceconsole.proto.v1.PartialTranscript;
import dev.voiceconsole.proto.v1.SequenceGap;
import dev.voiceconsole.proto.v1.SpeechStarted;
import dev.voiceconsole.proto.v1.StreamEvent;
import org.junit.jupiter.api.Test;

/** Offset arithmetic: a replacement worker's sequence numbers and stream times, back in the caller's terms. */
class ReplayMappingTest {

    @Test
    void aReplayStartingMidDictationMapsBackByItsOffset() {
        ReplayMapping mapping = new ReplayMapping(16_000, 0);
        // The replay began inside the caller's chunk 51 at frame 48 000 (3 s), then chunks follow on.
        mapping.sent(51, 48_000, 2_000);
        mapping.sent(52, 50_000, 4_800);
        mapping.sent(53, 54_800, 4_800);

        assertThat(mapping.callerSequence(1)).isEqualTo(51);
        assertThat(mapping.callerSequence(3)).isEqualTo(53);
        assertThat(mapping.callerSequence(0)).isZero();
        assertThat(mapping.callerFrame(0.0)).isEqualTo(48_000);
        assertThat(mapping.callerSeconds(0.5)).isEqualTo(3.5);
    }

    @Test
    void everyFrameMapsBackExactly() {
        for (int rate : new int[] {16_000, 48_000}) {
            ReplayMapping mapping = new ReplayMapping(rate, 0);
            mapping.sent(7, 123_457, 10_000_000);
            for (long frame = 0; frame < 10_000_000; frame += 997) {
                assertThat(mapping.callerFrame(frame / (double) rate)).isEqualTo(123_457 + frame);
            }
        }
    }

    @Test
    void audioMissingFromTheReplayStartsANewRun() {
        ReplayMapping mapping = new ReplayMapping(16_000, 0);
        mapping.sent(51, 48_000, 1_600);
        mapping.sent(55, 60_000, 1_600); // chunks 52..54 were dropped from a full buffer

        assertThat(mapping.callerSequence(2)).isEqualTo(55);
        assertThat(mapping.callerFrame(1_599 / 16_000.0)).isEqualTo(49_599);
        assertThat(mapping.callerFrame(1_700 / 16_000.0)).isEqualTo(60_100);
    }

    @Test
    void eventsAreRewrittenIntoDictationTerms() {
        ReplayMapping mapping = new ReplayMapping(16_000, 4);
        mapping.sent(10, 32_000, 16_000);
        mapping.sent(11, 48_000, 16_000);

        StreamEvent fin = mapping.toCaller(
                StreamEvent.newBuilder()
                        .setWorkerId("w2")
                        .setSequence(2)
                        .setFinal(FinalSegment.newBuilder()
                                .setSegmentId(1)
                                .setUtteranceId(1)
                                .setText("alpha")
                                .setStartS(0.25)
                                .setEndS(1.5))
                        .build(),
                7);
        assertThat(fin.getSequence()).isEqualTo(11);
        assertThat(fin.getWorkerId()).isEqualTo("w2");
        assertThat(fin.getFinal())
                .isEqualTo(FinalSegment.newBuilder()
                        .setSegmentId(7)
                        .setUtteranceId(5)
                        .setText("alpha")
                        .setStartS(2.25)
                        .setEndS(3.5)
                        .build());

        assertThat(mapping.toCaller(
                                StreamEvent.newBuilder()
                                        .setSequence(1)
                                        .setAck(ChunkAck.newBuilder().setResult(ChunkAck.Result.ACCEPTED))
                                        .build(),
                                0)
                        .getSequence())
                .isEqualTo(10);
        assertThat(mapping.toCaller(
                                StreamEvent.newBuilder()
                                        .setSpeechStarted(
                                                SpeechStarted.newBuilder().setStreamTimeS(0.5))
                                        .build(),
                                0)
                        .getSpeechStarted()
                        .getStreamTimeS())
                .isEqualTo(2.5);
        assertThat(mapping.toCaller(
                                StreamEvent.newBuilder()
                                        .setDecode(DecodeEvent.newBuilder()
                                                .setAudioStartS(0)
                                                .setAudioEndS(2))
                                        .build(),
                                0)
                        .getDecode())
                .extracting(DecodeEvent::getAudioStartS, DecodeEvent::getAudioEndS)
                .containsExactly(2.0, 4.0);
        assertThat(mapping.toCaller(
                                StreamEvent.newBuilder()
                                        .setPartial(
                                                PartialTranscript.newBuilder().setUtteranceId(2))
                                        .build(),
                                0)
                        .getPartial()
                        .getUtteranceId())
                .isEqualTo(6);
        assertThat(mapping.toCaller(
                                StreamEvent.newBuilder()
                                        .setGap(SequenceGap.newBuilder()
                                                .setExpectedSequence(1)
                                                .setReceivedSequence(2))
                                        .build(),
                                0)
                        .getGap())
                .extracting(SequenceGap::getExpectedSequence, SequenceGap::getReceivedSequence)
                .containsExactly(10L, 11L);
        assertThat(mapping.toCaller(
                                StreamEvent.newBuilder()
                                        .setError(ErrorEvent.newBuilder().setChunkSequence(2))
                                        .build(),
                                0)
                        .getError()
                        .getChunkSequence())
                .isEqualTo(11);
    }
}
