package dev.voiceconsole.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceconsole.audio.Pcm16;
import dev.voiceconsole.proto.v1.FinalSegment;
import dev.voiceconsole.proto.v1.SessionConfig;
import dev.voiceconsole.transport.EmbeddedWorker;
import dev.voiceconsole.worker.policy.HoldableToneWordEngine;
import dev.voiceconsole.worker.policy.ToneScript;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Batches over in-process workers behind a channel the test re-points, as a supervisor does after a crash (tone-word
 * engine: words come from the audio). A worker is "lost" by shutting its channel down.
 */
class RecoveringBatchTest {

    private static final int RATE = 16_000;
    private static final ToneScript SCRIPT = new ToneScript()
            .pause(200)
            .sentence(200, 100, 1000, "alpha", "delta", "golf")
            .sentence(200, 100, 1000, "india", "bravo", "echo");
    private static final String WORDS = "alpha delta golf india bravo echo";

    private final InProcessToneWorkers workers = new InProcessToneWorkers();

    @AfterEach
    void stopWorkers() {
        workers.close();
    }

    private static RecoveringBatch.Run offline(byte[] pcm) {
        return worker -> worker.transcribeOffline(
                pcm, RATE, 1, SessionConfig.getDefaultInstance(), TranscriptionProgress.none());
    }

    @Test
    void aBatchWhoseWorkerIsLostGoesAgainToTheReplacementBehindTheSameChannel() throws Exception {
        HoldableToneWordEngine held = new HoldableToneWordEngine();
        EmbeddedWorker first = workers.start("first", held);
        EmbeddedWorker second = workers.start("second");
        ReplaceableChannel channel = new ReplaceableChannel(first.channel());
        byte[] pcm = Pcm16.fromFloat(SCRIPT.samples());
        List<String> lost = new CopyOnWriteArrayList<>();
        held.hold(); // the first worker takes the recording, then decodes nothing until it is gone

        try (held;
                VoiceWorkerClient client = new VoiceWorkerClient(channel, ClientSettings.defaults())) {
            // As behind a supervisor: the same client, the channel re-pointed.
            RecoveringBatch batch =
                    new RecoveringBatch(lostId -> client, channel.replacements(), RecoverySettings.defaults(), 1);
            CompletableFuture<TranscriptionResult> result = CompletableFuture.supplyAsync(() -> {
                try {
                    return batch.run(
                            client,
                            offline(pcm),
                            (worker, cause) -> lost.add(
                                    worker + " " + Status.fromThrowable(cause).getCode()));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(held.holding.await(20, TimeUnit.SECONDS)).isTrue();
            first.channel().shutdownNow();
            channel.switchTo(second.channel());

            TranscriptionResult done = result.get(20, TimeUnit.SECONDS);
            assertThat(done.segments().stream().map(FinalSegment::getText).collect(Collectors.joining(" ")))
                    .isEqualTo(WORDS);
            assertThat(lost).singleElement().asString().startsWith("first ");
            assertThat(second.core().health().activeSessions()).isZero();
        }
    }

    @Test
    void nobodyTakingOverEndsTheBatchWithAClearErrorAfterTheRecoveryTimeout() throws Exception {
        HoldableToneWordEngine held = new HoldableToneWordEngine();
        EmbeddedWorker only = workers.start("only", held);
        ReplaceableChannel channel = new ReplaceableChannel(only.channel());
        byte[] pcm = Pcm16.fromFloat(SCRIPT.samples());
        held.hold();

        try (held;
                VoiceWorkerClient client = new VoiceWorkerClient(channel, ClientSettings.defaults())) {
            RecoveringBatch batch = new RecoveringBatch(
                    lostId -> client,
                    channel.replacements(),
                    RecoverySettings.defaults().withRecoveryTimeout(Duration.ofMillis(300)),
                    1);
            CompletableFuture<TranscriptionResult> result = CompletableFuture.supplyAsync(() -> {
                try {
                    return batch.run(client, offline(pcm), (worker, cause) -> {});
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(held.holding.await(20, TimeUnit.SECONDS)).isTrue();
            only.channel().shutdownNow();

            assertThatThrownBy(() -> result.get(20, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(RecoveryFailedException.class)
                    .cause()
                    .hasMessageContaining("no worker took the transcription over within PT0.3S");
        }
    }
}
