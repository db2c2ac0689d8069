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
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SessionIsolationTest {

    @Test
    void floodingSessionWithGarbageDoesNotDisturbAnotherSessionsTranscript() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        // The flooder's decodes hang (as a wedged engine call would); the good session's never do.
        WorkerCore core = new WorkerCore(
                WorkerFixture.settings().withLimits(1024, 64 * 1024),
                s -> new ScriptedPolicy(s.initialPrompt().equals("flood") ? stuck : null),
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
            EventCollector goodEvents = new EventCollector();
            AudioStream goodStream = client.openStream(good, goodEvents);
            int words = 40;
            for (int i = 1; i <= words; i++) {
                flood.send(6L * i, 0, new byte[3]); // odd
                flood.send(6L * i + 1, 0, new byte[0]); // empty
                flood.send(6L * i + 2, 0, new byte[4096]); // oversized
                for (int k = 0; k < 3; k++) { // piles up behind the hung decode
                    flood.send(6L * i + 3 + k, 0, wordChunk(500, 512, 1));
                }
                goodStream.send(wordChunk(i, 160, 1), i);
            }
            goodStream.finish();

            String expected =
                    IntStream.rangeClosed(1, words).mapToObj(w -> "w" + w).collect(Collectors.joining(" "));
            assertThat(goodEvents.finalText()).isEqualTo(expected);
            assertThat(goodEvents.errors()).isEmpty();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> flood.events.matching(e -> e.hasAck()).size() == 6 * words);
            assertThat(flood.events.acks(ChunkAck.Result.REJECTED).size()).isGreaterThan(3 * words);
            assertThat(flood.events.errors())
                    .extracting(e -> e.getError().getCodeName())
                    .contains("INVALID_ARGUMENT", "RESOURCE_EXHAUSTED");
            assertThat(core.health().bufferedBytes()).isLessThanOrEqualTo(64 * 1024); // the flood stays bounded
        } finally {
            stuck.countDown(); // before closing: the drain flushes the flooder too
            worker.close();
        }
    }
}
