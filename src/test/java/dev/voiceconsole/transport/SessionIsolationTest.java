package dev.voiceconsole.transport;

import static dev.voiceconsole.worker.TestAudio.wordChunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voiceconsole.client.AudioStream;
import dev.voiceconsole.client.ClientSettings;
import dev.voiceconsole.client.VoiceWorkerClient;
import dev.voiceconsole.proto.v1.ChunkAck;
import dev.voiceconsole.proto.v1.SessionConfig;
import dev.voiceconsole.worker.ScriptedPolicy;
import dev.voiceconsole.worker.TestAudio;
import dev.voiceconsole.worker.WorkerCore;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SessionIsolationTest {

    @Test
    void floodingSessionWithGarbageDoesNotDisturbAnotherSessionsTranscript() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch floodHeld = new CountDownLatch(1);
        int chunkBytes = 1024;
        long pendingLimit = 64 * 1024;
        // The flooder's decodes hang (as a wedged engine call would); the good session's never do.
        WorkerCore core = new WorkerCore(
                WorkerFixture.settings().withLimits(chunkBytes, pendingLimit),
                s -> s.initialPrompt().equals("flood")
                        ? new ScriptedPolicy(stuck, floodHeld)
                        : new ScriptedPolicy(null),
                TestAudio.converters(),
                TestAudio.ENGINE);
        EmbeddedWorker worker = EmbeddedWorker.start(core);
        try (VoiceWorkerClient client = new VoiceWorkerClient(worker.channel(), ClientSettings.defaults())) {
            String bad = client.createSession(SessionConfig.newBuilder()
                            .setSampleRateHz(16000)
                            .setInitialPrompt("flood")
                            .build())
                    .getSessionId();
            String good = client.createSession(WorkerFixture.mono16k()).getSessionId();

            RawStream flood = new RawStream(worker.channel(), bad);
            long sequence = 1;
            flood.send(sequence++, 0, wordChunk(500, chunkBytes / 2, 1));
            // From here on nothing of the flooder's is fed, so how much it may pile up is exact.
            assertThat(floodHeld.await(5, TimeUnit.SECONDS)).isTrue();

            EventCollector goodEvents = new EventCollector();
            AudioStream goodStream = client.openStream(good, goodEvents);
            int words = 40;
            for (int i = 1; i <= words; i++) {
                flood.send(sequence++, 0, new byte[3]); // odd
                flood.send(sequence++, 0, new byte[0]); // empty
                flood.send(sequence++, 0, new byte[4096]); // oversized
                for (int k = 0; k < 3; k++) { // piles up behind the hung decode
                    flood.send(sequence++, 0, wordChunk(500, chunkBytes / 2, 1));
                }
                goodStream.send(wordChunk(i, 160, 1), i);
            }
            goodStream.finish();

            String expected =
                    IntStream.rangeClosed(1, words).mapToObj(w -> "w" + w).collect(Collectors.joining(" "));
            assertThat(goodEvents.finalText()).isEqualTo(expected);
            assertThat(goodEvents.errors()).isEmpty();
            long sent = sequence - 1;
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> flood.events.matching(e -> e.hasAck()).size() == sent);
            // The first chunk was fed; behind it only the pending limit's worth is taken, the rest is refused.
            long roomFor = pendingLimit / chunkBytes;
            assertThat(flood.events.acks(ChunkAck.Result.ACCEPTED)).hasSize((int) (1 + roomFor));
            assertThat(flood.events.acks(ChunkAck.Result.REJECTED)).hasSize((int) (sent - 1 - roomFor));
            assertThat(flood.events.errors())
                    .extracting(e -> e.getError().getCodeName())
                    .contains("INVALID_ARGUMENT", "RESOURCE_EXHAUSTED");
            assertThat(core.health().bufferedBytes()).isEqualTo(pendingLimit); // the flood stays bounded
        } finally {
            stuck.countDown(); // before closing: the drain flushes the flooder too
            worker.close();
        }
    }
}
