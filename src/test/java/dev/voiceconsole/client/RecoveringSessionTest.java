package dev.voiceconsole.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.voiceconsole.audio.Pcm16;
import dev.voiceconsole.proto.v1.FinalSegment;
import dev.voiceconsole.proto.v1.SessionConfig;
import dev.voiceconsole.proto.v1.SessionMode;
import dev.voiceconsole.proto.v1.StreamEvent;
import dev.voiceconsole.transport.EmbeddedWorker;
import dev.voiceconsole.worker.policy.HoldableToneWordEngine;
import dev.voiceconsole.worker.policy.ToneScript;
import dev.voiceconsole.worker.policy.ToneWordEngine;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The recovering client over in-process workers (tone-word engine: words come from the audio). A worker is "lost" by
 * shutting its channel down, which breaks the stream with UNAVAILABLE as a dead socket does.
 */
class RecoveringSessionTest {

    private static final int RATE = 16_000;
    private static final SessionConfig CONFIG = SessionConfig.newBuilder()
            .setSampleRateHz(RATE)
            .setChannels(1)
            .setMode(SessionMode.SESSION_MODE_LIVE)
            .build();

    private final InProcessToneWorkers workers = new InProcessToneWorkers();

    @AfterEach
    void stopWorkers() {
        workers.close();
    }

    private static final class Events implements StreamListener {
        final List<StreamEvent> all = new CopyOnWriteArrayList<>();
        final List<Throwable> errors = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(StreamEvent event) {
            all.add(event);
        }

        @Override
        public void onError(Throwable error) {
            errors.add(error);
        }

        boolean saw(StreamEvent.KindCase kind) {
            return all.stream().anyMatch(e -> e.getKindCase() == kind);
        }
    }

    private static void sendAll(RecoveringSession session, byte[] pcm, int chunkBytes) {
        for (int offset = 0; offset < pcm.length; offset += chunkBytes) {
            session.send(Arrays.copyOfRange(pcm, offset, Math.min(pcm.length, offset + chunkBytes)), 0);
        }
    }

    @Test
    void aWorkerLostDuringStopIsReplacedAndTheStopStillDeliversEveryFinalOnce() throws Exception {
        ToneScript script = new ToneScript()
                .pause(200)
                .sentence(200, 100, 1000, "alpha", "delta", "golf")
                .sentence(200, 100, 1000, "india", "bravo", "echo")
                .sentence(200, 100, 1000, "juliet", "charlie");
        byte[] pcm = Pcm16.fromFloat(script.samples());
        HoldableToneWordEngine firstEngine = new HoldableToneWordEngine();
        EmbeddedWorker first = workers.start("first", firstEngine);
        EmbeddedWorker second = workers.start("second");
        ReplaceableChannel channel = new ReplaceableChannel(first.channel());
        Events events = new Events();
        try (firstEngine;
                VoiceWorkerClient client = new VoiceWorkerClient(channel, ClientSettings.defaults());
                RecoveringSession session = RecoveringSession.start(
                        client,
                        CONFIG,
                        channel.replacements(),
                        RecoverySettings.defaults(),
                        events,
                        RecoveryListener.none())) {
            int firstSentenceBytes = (200 + 3 * 300 + 1000) * RATE / 1000 * 2;
            sendAll(session, Arrays.copyOf(pcm, firstSentenceBytes), 3_200);
            await().atMost(Duration.ofSeconds(10)).until(() -> session.finals().size() == 1);
            firstEngine.hold();
            session.send(Arrays.copyOfRange(pcm, firstSentenceBytes, pcm.length), 0);

            first.channel().shutdownNow(); // the worker is gone before it could finish the rest
            CompletableFuture<List<FinalSegment>> stopped = CompletableFuture.supplyAsync(() -> {
                try {
                    return session.stop();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            channel.switchTo(second.channel());

            List<FinalSegment> finals = stopped.get(20, TimeUnit.SECONDS);
            assertThat(finals)
                    .extracting(FinalSegment::getText)
                    .containsExactly("alpha delta golf", "india bravo echo", "juliet charlie");
            assertThat(events.all.stream().filter(StreamEvent::hasFinal).map(StreamEvent::getWorkerId))
                    .containsExactly("first", "second", "second");
            assertThat(finals).extracting(FinalSegment::getSegmentId).containsExactly(1, 2, 3);
            assertThat(finals.get(1).getStartS()).isGreaterThan(finals.get(0).getEndS());
            assertThat(session.recoveries()).singleElement().satisfies(r -> {
                assertThat(r.replayFromS()).isEqualTo(finals.get(0).getEndS());
                assertThat(r.replayedSeconds())
                        .isEqualTo((pcm.length / 2 - Math.round(finals.get(0).getEndS() * RATE)) / (double) RATE);
            });
            assertThat(events.errors).isEmpty();
        }
    }

    @Test
    void aWorkerNobodyReplacesEndsTheDictationWithAClearError() throws Exception {
        EmbeddedWorker only = workers.start("only");
        Events events = new Events();
        RecoverySettings quick = RecoverySettings.defaults().withRecoveryTimeout(Duration.ofMillis(300));
        try (VoiceWorkerClient client = new VoiceWorkerClient(only.channel(), ClientSettings.defaults());
                RecoveringSession session = RecoveringSession.start(
                        client, CONFIG, WorkerReplacements.none(), quick, events, RecoveryListener.none())) {
            session.send(new byte[3_200], 0);
            only.channel().shutdownNow();

            await().atMost(Duration.ofSeconds(10)).until(() -> !events.errors.isEmpty());
            assertThat(events.errors)
                    .singleElement()
                    .isInstanceOf(RecoveryFailedException.class)
                    .extracting(Throwable::getMessage)
                    .asString()
                    .startsWith("the worker was lost (UNAVAILABLE")
                    .endsWith("no worker took the dictation over within PT0.3S");
            assertThatThrownBy(() -> session.send(new byte[320], 0)).isInstanceOf(RecoveryFailedException.class);
            assertThatThrownBy(session::stop).isInstanceOf(RecoveryFailedException.class);
        }
    }

    @Test
    void aFullReplayBufferDropsTheOldestAudioAndSaysWhetherSpeechWasInIt() throws Exception {
        EmbeddedWorker only = workers.start("only");
        Events events = new Events();
        List<ReplayOverflow> overflows = new CopyOnWriteArrayList<>();
        RecoveryListener recovery = new RecoveryListener() {
            @Override
            public void onReplayOverflow(ReplayOverflow overflow) {
                overflows.add(overflow);
            }
        };
        RecoverySettings oneSecond = RecoverySettings.defaults().withMaxReplay(Duration.ofSeconds(1));
        try (VoiceWorkerClient client = new VoiceWorkerClient(only.channel(), ClientSettings.defaults());
                RecoveringSession session = RecoveringSession.start(
                        client, CONFIG, WorkerReplacements.none(), oneSecond, events, recovery)) {
            sendAll(session, new byte[RATE * 2 * 3 / 2], 3_200); // 1.5 s of silence
            assertThat(overflows)
                    .hasSize(5)
                    .allSatisfy(o -> assertThat(o.speechPossiblyLost()).isFalse());
            assertThat(overflows.get(0)).isEqualTo(new ReplayOverflow(0.0, 0.1, false));
            assertThat(session.replayBytes()).isEqualTo(RATE * 2);

            // Speech that goes on and on (gaps shorter than the hang-over): no final trims the buffer.
            ToneScript talk = new ToneScript();
            for (int i = 0; i < 6; i++) {
                talk.sentence(200, 100, 100, ToneWordEngine.WORDS.get(i), ToneWordEngine.WORDS.get(i + 1));
            }
            byte[] speech = Pcm16.fromFloat(talk.samples());
            sendAll(session, Arrays.copyOf(speech, 9_600), 3_200);
            await().atMost(Duration.ofSeconds(10)).until(() -> events.saw(StreamEvent.KindCase.SPEECH_STARTED));
            overflows.clear();
            sendAll(session, Arrays.copyOfRange(speech, 9_600, speech.length), 3_200);

            assertThat(overflows)
                    .isNotEmpty()
                    .allSatisfy(o -> assertThat(o.speechPossiblyLost()).isTrue());
            assertThat(session.replayBytes()).isEqualTo(RATE * 2);
            assertThat(session.finals()).isEmpty();
        }
    }
}
