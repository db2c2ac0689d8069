package dev.voiceconsole.transport;

import static dev.voiceconsole.worker.TestAudio.wordChunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voiceconsole.client.AudioStream;
import dev.voiceconsole.proto.v1.ChunkAck;
import dev.voiceconsole.proto.v1.SessionConfig;
import dev.voiceconsole.proto.v1.StopSessionResponse;
import dev.voiceconsole.proto.v1.StreamEvent;
import dev.voiceconsole.worker.TestAudio;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkHandlingTest {

    private static final int FRAMES = 160; // 10 ms at 16 kHz

    @Test
    void invalidChunksAreReportedWithTheirReasonAndTheSessionGoesOn() throws Exception {
        try (WorkerFixture f = new WorkerFixture(WorkerFixture.settings().withLimits(1024, 64 * 1024))) {
            SessionConfig stereo = SessionConfig.newBuilder()
                    .setSampleRateHz(16000)
                    .setChannels(2)
                    .build();
            String id = f.client.createSession(stereo).getSessionId();
            EventCollector events = new EventCollector();
            AudioStream stream = f.client.openStream(id, events);
            stream.send(wordChunk(1, FRAMES, 2), 1);
            stream.send(new byte[6], 2); // 3 samples: not whole stereo frames
            stream.send(new byte[0], 3);
            stream.send(wordChunk(9, 512, 2), 4); // 2048 bytes > 1024
            stream.send(wordChunk(2, FRAMES, 2), 5);
            stream.finish();

            List<StreamEvent> errors = events.errors();
            assertThat(errors).extracting(e -> e.getError().getChunkSequence()).containsExactly(2L, 3L, 4L);
            assertThat(errors).allSatisfy(e -> {
                assertThat(e.getError().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT.value());
                assertThat(e.getError().getCodeName()).isEqualTo("INVALID_ARGUMENT");
            });
            assertThat(errors.get(0).getError().getMessage()).contains("odd byte count", "6 bytes", "multiple of 4");
            assertThat(errors.get(1).getError().getMessage()).contains("empty");
            assertThat(errors.get(2).getError().getMessage()).contains("too large", "2048");
            assertThat(events.acks(ChunkAck.Result.REJECTED))
                    .extracting(StreamEvent::getSequence)
                    .containsExactly(2L, 3L, 4L);
            assertThat(events.acks(ChunkAck.Result.ACCEPTED))
                    .extracting(StreamEvent::getSequence)
                    .containsExactly(1L, 5L);
            assertThat(events.finalText()).isEqualTo("w1 w2");
            assertThat(events.matching(StreamEvent::hasGap)).isEmpty();
            assertThat(events.completed).isTrue();
        }
    }

    @Test
    void duplicatesAreIgnoredAndGapsReported() throws Exception {
        try (WorkerFixture f = new WorkerFixture(WorkerFixture.settings())) {
            String id = f.client.createSession(WorkerFixture.mono16k()).getSessionId();
            RawStream raw = new RawStream(f.worker.channel(), id);
            raw.send(1, 100, wordChunk(1, FRAMES, 1));
            raw.send(2, 200, wordChunk(2, FRAMES, 1));
            raw.send(2, 200, wordChunk(42, FRAMES, 1)); // duplicate number, different audio: must not be used
            raw.send(1, 100, wordChunk(43, FRAMES, 1));
            raw.send(5, 500, wordChunk(5, FRAMES, 1)); // 3 and 4 lost
            raw.send(4, 400, wordChunk(4, FRAMES, 1)); // late: behind the gap, ignored
            raw.halfClose();
            assertThat(raw.awaitEnd()).isTrue();

            EventCollector events = raw.events;
            assertThat(events.finalText()).isEqualTo("w1 w2 w5");
            assertThat(events.acks(ChunkAck.Result.DUPLICATE))
                    .extracting(StreamEvent::getSequence)
                    .containsExactly(2L, 1L, 4L);
            List<StreamEvent> gaps = events.matching(StreamEvent::hasGap);
            assertThat(gaps).hasSize(1);
            assertThat(gaps.get(0).getGap().getExpectedSequence()).isEqualTo(3);
            assertThat(gaps.get(0).getGap().getReceivedSequence()).isEqualTo(5);
            assertThat(events.acks(ChunkAck.Result.ACCEPTED))
                    .extracting(StreamEvent::getSequence)
                    .containsExactly(1L, 2L, 5L);
            assertThat(events.completed).isTrue();
        }
    }

    @Test
    void eventsCarryTheSequenceAndCaptureTimeOfTheChunkThatProducedThem() throws Exception {
        try (WorkerFixture f = new WorkerFixture(WorkerFixture.settings())) {
            String id = f.client.createSession(WorkerFixture.mono16k()).getSessionId();
            EventCollector events = new EventCollector();
            AudioStream stream = f.client.openStream(id, events);
            long[] capture = {0, 1_700_000_000_000_001L, 1_700_000_000_020_002L, 1_700_000_000_040_003L};
            for (int seq = 1; seq <= 2; seq++) {
                stream.send(wordChunk(seq, FRAMES, 1), capture[seq]);
                int expected = seq;
                // one chunk at a time, so the decode that follows belongs to exactly this chunk
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> events.matching(e -> e.hasPartial() && e.getSequence() == expected)
                                        .size()
                                == 1);
            }
            stream.send(wordChunk(0, FRAMES, 1), capture[3]); // silence ends the utterance
            stream.finish();

            StreamEvent started = events.matching(StreamEvent::hasSpeechStarted).get(0);
            assertThat(started.getSequence()).isEqualTo(1);
            assertThat(started.getCaptureTimeUs()).isEqualTo(capture[1]);
            for (StreamEvent p : events.matching(StreamEvent::hasPartial)) {
                assertThat(p.getCaptureTimeUs()).isEqualTo(capture[(int) p.getSequence()]);
                assertThat(p.getTimings().getInferenceMs()).isEqualTo(1.5);
                assertThat(p.getTimings().getQueueWaitMs()).isGreaterThanOrEqualTo(0);
                assertThat(p.getTimings().getEmittedTimeUs())
                        .isGreaterThanOrEqualTo(p.getTimings().getReceivedTimeUs());
                assertThat(p.getSessionId()).isEqualTo(id);
                assertThat(p.getWorkerId()).isEqualTo("test-worker");
            }
            assertThat(events.matching(StreamEvent::hasPartial))
                    .extracting(e -> e.getPartial().getUnstableText())
                    .containsExactly("w1", "w1 w2");
            StreamEvent fin = events.matching(StreamEvent::hasFinal).get(0);
            assertThat(fin.getFinal().getText()).isEqualTo("w1 w2");
            assertThat(fin.getSequence()).isEqualTo(3);
            assertThat(fin.getCaptureTimeUs()).isEqualTo(capture[3]);
            StreamEvent ack = events.acks(ChunkAck.Result.ACCEPTED).get(1);
            assertThat(ack.getCaptureTimeUs()).isEqualTo(capture[2]);
            assertThat(ack.getTimings().getReceivedTimeUs()).isPositive();
        }
    }

    @Test
    void stopFlushesTheLastWordsToStreamAndResponseAndReleasesTheSlot() throws Exception {
        try (WorkerFixture f = new WorkerFixture(WorkerFixture.settings())) {
            String id = f.client.createSession(WorkerFixture.mono16k()).getSessionId();
            EventCollector events = new EventCollector();
            AudioStream stream = f.client.openStream(id, events);
            for (int w = 1; w <= 4; w++) {
                stream.send(wordChunk(w, 1600, 1), w);
            }
            StopSessionResponse stop = stream.stop(); // no silence: only the flush can produce the final

            assertThat(stop.getAlreadyStopped()).isFalse();
            assertThat(stop.getFlushedSegmentsList())
                    .extracting(s -> s.getText())
                    .containsExactly("w1 w2 w3 w4");
            assertThat(stop.getAudioSeconds()).isEqualTo(0.4);
            assertThat(events.finalText()).isEqualTo("w1 w2 w3 w4");
            assertThat(events.completed).isTrue();
            assertThat(f.client.health().getActiveSessions()).isZero();
        }
    }

    @Test
    void halfCloseFinalizesAndCompletesButKeepsTheSessionUntilStop() throws Exception {
        try (WorkerFixture f = new WorkerFixture(WorkerFixture.settings())) {
            String id = f.client.createSession(WorkerFixture.mono16k()).getSessionId();
            EventCollector events = new EventCollector();
            AudioStream stream = f.client.openStream(id, events);
            stream.send(wordChunk(3, FRAMES, 1), 1);
            stream.send(wordChunk(4, FRAMES, 1), 2);
            stream.finish();

            assertThat(events.finalText()).isEqualTo("w3 w4");
            assertThat(events.completed).isTrue();
            assertThat(f.client.health().getActiveSessions()).isEqualTo(1);
            StopSessionResponse stop = f.client.stopSession(id, 2);
            assertThat(stop.getAlreadyStopped()).isFalse();
            assertThat(stop.getFlushedSegmentsList()).isEmpty(); // nothing left after the half-close flush
        }
    }

    @Test
    void fortyEightKilohertzStereoIsDownmixedAndResampled() throws Exception {
        try (WorkerFixture f = new WorkerFixture(WorkerFixture.settings())) {
            SessionConfig config = SessionConfig.newBuilder()
                    .setSampleRateHz(48000)
                    .setChannels(2)
                    .build();
            String id = f.client.createSession(config).getSessionId();
            EventCollector events = new EventCollector();
            AudioStream stream = f.client.openStream(id, events);
            stream.send(wordChunk(11, 4800, 2), 1);
            stream.send(wordChunk(12, 4800, 2), 2);
            StopSessionResponse stop = stream.stop();
            assertThat(events.finalText()).isEqualTo("w11 w12");
            assertThat(stop.getAudioSeconds()).isEqualTo(0.2);
            assertThat(TestAudio.ENGINE.threads()).isEqualTo(f.client.health().getThreads());
        }
    }

    @Test
    void sequenceNumbersAreUnsigned64Bit() throws Exception {
        try (WorkerFixture f = new WorkerFixture(WorkerFixture.settings())) {
            String id = f.client.createSession(WorkerFixture.mono16k()).getSessionId();
            RawStream raw = new RawStream(f.worker.channel(), id);
            long twoTo63 = Long.MIN_VALUE; // 2^63 on the wire
            long max = -1L; // 2^64 - 1 on the wire
            raw.send(Long.MAX_VALUE, 100, wordChunk(1, FRAMES, 1));
            raw.send(twoTo63, 200, wordChunk(2, FRAMES, 1));
            raw.send(twoTo63, 200, wordChunk(42, FRAMES, 1)); // a real duplicate
            raw.send(max, 300, wordChunk(3, FRAMES, 1));
            raw.halfClose();
            assertThat(raw.awaitEnd()).isTrue();

            EventCollector events = raw.events;
            assertThat(events.acks(ChunkAck.Result.ACCEPTED))
                    .extracting(StreamEvent::getSequence)
                    .containsExactly(Long.MAX_VALUE, twoTo63, max);
            assertThat(events.acks(ChunkAck.Result.DUPLICATE))
                    .extracting(StreamEvent::getSequence)
                    .containsExactly(twoTo63);
            assertThat(events.finalText()).isEqualTo("w1 w2 w3");
            List<StreamEvent> gaps = events.matching(StreamEvent::hasGap);
            assertThat(gaps)
                    .extracting(g -> Long.toUnsignedString(g.getGap().getExpectedSequence()))
                    .containsExactly("1", "9223372036854775809");
            assertThat(f.client.stopSession(id, max).getAudioSeconds()).isEqualTo(0.03);
        }
    }
}
