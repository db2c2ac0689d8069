package dev.voiceconsole.transport;

import static dev.voiceconsole.worker.TestAudio.wordChunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voiceconsole.client.AudioStream;
import dev.voiceconsole.client.ClientSettings;
import dev.voiceconsole.proto.v1.ChunkAck;
import dev.voiceconsole.proto.v1.StreamEvent;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackpressureTest {

    private static final int FRAMES = 160; // 320 bytes per chunk
    private static final long PENDING_LIMIT = 3 * 320; // three chunks may wait

    @Test
    void overflowingChunksAreRejectedResentAndNothingAcceptedIsLost() throws Exception {
        CountDownLatch gate = new CountDownLatch(1); // holds the session's first decode: pending can only grow
        try (WorkerFixture f = new WorkerFixture(
                WorkerFixture.settings().withLimits(320, PENDING_LIMIT), gate, ClientSettings.defaults())) {
            String id = f.client.createSession(WorkerFixture.mono16k()).getSessionId();
            EventCollector events = new EventCollector();
            AudioStream stream = f.client.openStream(id, events);
            int words = 20;
            for (int w = 1; w <= words; w++) {
                stream.send(wordChunk(w, FRAMES, 1), w * 10_000L);
            }
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> !events.acks(ChunkAck.Result.REJECTED).isEmpty());
            // Until the gated decode is reached the session still drains chunks, so pending may dip below the limit
            // for a moment; from then on it fills up to the limit, and never beyond it.
            await().atMost(Duration.ofSeconds(5)).until(() -> f.client.health().getBufferedBytes() == PENDING_LIMIT);
            StreamEvent error = events.errors().get(0);
            assertThat(error.getError().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED.value());
            assertThat(error.getError().getMessage()).contains("resend");
            long firstRejected = events.acks(ChunkAck.Result.REJECTED).get(0).getSequence();

            gate.countDown();
            stream.finish();

            String expected =
                    IntStream.rangeClosed(1, words).mapToObj(w -> "w" + w).collect(Collectors.joining(" "));
            assertThat(events.finalText()).isEqualTo(expected);
            List<Long> accepted = events.acks(ChunkAck.Result.ACCEPTED).stream()
                    .map(StreamEvent::getSequence)
                    .toList();
            assertThat(accepted)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, words)
                            .mapToObj(i -> (long) i)
                            .toList());
            // the rejected chunk was resent and accepted afterwards
            int rejectedAt =
                    events.events.indexOf(events.acks(ChunkAck.Result.REJECTED).get(0));
            assertThat(events.events.subList(rejectedAt, events.events.size())).anySatisfy(e -> {
                assertThat(e.getSequence()).isEqualTo(firstRejected);
                assertThat(e.getAck().getResult()).isEqualTo(ChunkAck.Result.ACCEPTED);
            });
            assertThat(stream.roundTrips().count()).isGreaterThan(words);
        }
    }

    @Test
    void rejectedSequenceDoesNotCountAsSeenSoItsResendIsAccepted() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        try (WorkerFixture f = new WorkerFixture(
                WorkerFixture.settings().withLimits(320, PENDING_LIMIT), gate, ClientSettings.defaults())) {
            String id = f.client.createSession(WorkerFixture.mono16k()).getSessionId();
            RawStream raw = new RawStream(f.worker.channel(), id);
            long seq = 0;
            while (raw.events.acks(ChunkAck.Result.REJECTED).isEmpty()) {
                seq++;
                raw.send(seq, seq, wordChunk((int) seq, FRAMES, 1));
                long sent = seq;
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> raw.events
                                        .matching(e -> e.hasAck() && e.getSequence() == sent)
                                        .size()
                                == 1);
            }
            long rejected = seq;
            raw.send(rejected + 1, 0, wordChunk(99, FRAMES, 1)); // may not overtake the rejected chunk
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> raw.events.acks(ChunkAck.Result.REJECTED).size() == 2);
            assertThat(raw.events.errors().get(1).getError().getMessage())
                    .contains("waiting for the resend of rejected chunk " + rejected);

            gate.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> f.client.health().getBufferedBytes() == 0);
            raw.send(rejected, rejected, wordChunk((int) rejected, FRAMES, 1));
            raw.halfClose();
            assertThat(raw.awaitEnd()).isTrue();
            assertThat(raw.events.acks(ChunkAck.Result.ACCEPTED))
                    .extracting(StreamEvent::getSequence)
                    .contains(rejected);
            String expected = IntStream.rangeClosed(1, (int) rejected)
                    .mapToObj(w -> "w" + w)
                    .collect(Collectors.joining(" "));
            assertThat(raw.events.finalText()).isEqualTo(expected);
        }
    }
}
