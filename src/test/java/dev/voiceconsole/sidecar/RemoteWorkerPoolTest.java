package dev.voiceconsole.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceconsole.audio.Pcm16;
import dev.voiceconsole.audio.RealTimePacer;
import dev.voiceconsole.client.ClientSettings;
import dev.voiceconsole.client.RecoveringSession;
import dev.voiceconsole.client.RecoveryListener;
import dev.voiceconsole.client.RecoveryReport;
import dev.voiceconsole.client.RecoverySettings;
import dev.voiceconsole.client.StreamListener;
import dev.voiceconsole.client.TranscriptionProgress;
import dev.voiceconsole.client.TranscriptionResult;
import dev.voiceconsole.client.WorkerPool;
import dev.voiceconsole.engine.SpeechEngine;
import dev.voiceconsole.proto.v1.FinalSegment;
import dev.voiceconsole.proto.v1.HealthResponse;
import dev.voiceconsole.proto.v1.SessionConfig;
import dev.voiceconsole.proto.v1.SessionMode;
import dev.voiceconsole.proto.v1.StreamEvent;
import dev.voiceconsole.testing.WorkerTest;
import dev.voiceconsole.transport.BearerTokenInterceptor;
import dev.voiceconsole.transport.VoiceWorkerGrpcService;
import dev.voiceconsole.worker.ResamplingAudioConverter;
import dev.voiceconsole.worker.WorkerCore;
import dev.voiceconsole.worker.WorkerSettings;
import dev.voiceconsole.worker.policy.HoldableToneWordEngine;
import dev.voiceconsole.worker.policy.ToneScript;
import dev.voiceconsole.worker.policy.ToneWordEngine;
import dev.voiceconsole.worker.policy.TranscriptionPolicies;
import dev.voiceconsole.worker.policy.VoiceActivityDetector;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Remote workers on real loopback sockets (the real gRPC service, worker core, VAD and live policy; the tone-word
 * engine derives the words from the audio), reached through a {@link WorkerPool} with token credentials.
 */
@WorkerTest
class RemoteWorkerPoolTest {

    private static final String TOKEN = SidecarToken.generate();
    private static final int RATE = 16_000;
    private static final int CHUNK_MS = 300; // one word and the gap after it
    private static final SessionConfig CONFIG = SessionConfig.newBuilder()
            .setSampleRateHz(RATE)
            .setChannels(1)
            .setLanguage("en")
            .setMode(SessionMode.SESSION_MODE_LIVE)
            .build();

    /** A worker whose server can be cut off at once, like a machine that went away. */
    private record TestWorker(String id, Server server, WorkerCore core) {
        String target() {
            return "127.0.0.1:" + server.getPort();
        }

        void kill() {
            server.shutdownNow();
        }
    }

    private final List<TestWorker> workers = new ArrayList<>();
    private WorkerPool pool;

    @AfterEach
    void stopEverything() throws InterruptedException {
        if (pool != null) {
            pool.close();
        }
        for (TestWorker w : workers) {
            w.server().shutdownNow();
            w.server().awaitTermination(5, TimeUnit.SECONDS);
            w.core().close();
        }
    }

    private TestWorker worker(String id) throws IOException {
        return worker(id, new ToneWordEngine());
    }

    private TestWorker worker(String id, SpeechEngine engine) throws IOException {
        WorkerCore core = new WorkerCore(
                WorkerSettings.defaults(id, "sidecar", "test"),
                settings -> TranscriptionPolicies.create(settings, engine, VoiceActivityDetector::new),
                ResamplingAudioConverter::new,
                engine.info());
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .intercept(new BearerTokenInterceptor(TOKEN))
                .addService(new VoiceWorkerGrpcService(core))
                .build()
                .start();
        TestWorker w = new TestWorker(id, server, core);
        workers.add(w);
        return w;
    }

    private WorkerPool pool(List<String> targets) throws IOException {
        List<WorkerPool.Target> list = new ArrayList<>();
        List<AutoCloseable> channels = new ArrayList<>();
        for (String t : targets) {
            ManagedChannel channel = WorkerChannels.open(t, Optional.of(TOKEN), Optional.empty());
            list.add(new WorkerPool.Target(t, channel));
            channels.add(channel::shutdownNow);
        }
        pool = new WorkerPool(list, ClientSettings.defaults(), Duration.ofSeconds(2), channels);
        return pool;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static ToneScript script(int sentences, int shift) {
        ToneScript script = new ToneScript().pause(CHUNK_MS);
        List<String> words = ToneWordEngine.WORDS;
        for (int s = 0; s < sentences; s++) {
            int k = s + shift;
            script.sentence(
                    200,
                    100,
                    1300,
                    words.get(k % 10),
                    words.get((k + 3) % 10),
                    words.get((k + 6) % 10),
                    words.get((k + 1) % 10));
        }
        return script;
    }

    private static List<String> expected(ToneScript script) {
        return script.sentences().stream().map(words -> String.join(" ", words)).toList();
    }

    /** Feeds the script in one-word chunks; {@code pace} > 0 paces it like a microphone running that much faster. */
    private static void stream(RecoveringSession session, byte[] pcm, double pace) {
        try {
            new RealTimePacer(RATE, 1, CHUNK_MS, pace).play(pcm, session::send);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final class Events implements StreamListener {
        final List<StreamEvent> all = new CopyOnWriteArrayList<>();
        final CountDownLatch laterSentenceUnderWay = new CountDownLatch(1);

        @Override
        public void onEvent(StreamEvent e) {
            boolean finalSeen = all.stream().anyMatch(StreamEvent::hasFinal);
            all.add(e);
            if (finalSeen
                    && e.hasPartial()
                    && !(e.getPartial().getStableText() + e.getPartial().getUnstableText()).isEmpty()) {
                laterSentenceUnderWay.countDown();
            }
        }

        List<String> finalTexts() {
            return all.stream()
                    .filter(StreamEvent::hasFinal)
                    .map(e -> e.getFinal().getText())
                    .toList();
        }

        List<String> workerIds() {
            return all.stream().map(StreamEvent::getWorkerId).distinct().toList();
        }

        List<String> finalWorkerIds() {
            return all.stream()
                    .filter(StreamEvent::hasFinal)
                    .map(StreamEvent::getWorkerId)
                    .distinct()
                    .toList();
        }
    }

    @Test
    void sessionsSpreadOverTwoWorkersAndEachStaysPinnedToItsWorker() throws Exception {
        TestWorker a = worker("remote-a");
        TestWorker b = worker("remote-b");
        pool(List.of(a.target(), b.target()));

        List<RecoveringSession> sessions = new ArrayList<>();
        List<Events> events = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Events e = new Events();
                events.add(e);
                sessions.add(pool.startSession(CONFIG, RecoverySettings.defaults(), e, new RecoveryListener() {}));
            }
            // Least loaded first: a, b, a, b — and the workers themselves count two sessions each.
            assertThat(sessions)
                    .extracting(RecoveringSession::workerId)
                    .containsExactly("remote-a", "remote-b", "remote-a", "remote-b");
            assertThat(pool.poll())
                    .extracting(s ->
                            s.health().map(HealthResponse::getActiveSessions).orElse(-1))
                    .containsExactly(2, 2);

            List<CompletableFuture<Void>> dictations = new ArrayList<>();
            List<ToneScript> scripts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ToneScript script = script(2, i);
                scripts.add(script);
                RecoveringSession session = sessions.get(i);
                byte[] pcm = Pcm16.fromFloat(script.samples());
                dictations.add(CompletableFuture.runAsync(() -> stream(session, pcm, 0)));
            }
            for (int i = 0; i < 4; i++) {
                dictations.get(i).get(20, TimeUnit.SECONDS);
                sessions.get(i).stop();
                // Create, stream and stop all went to one worker: every event of the session names it.
                assertThat(events.get(i).workerIds()).containsExactly(i % 2 == 0 ? "remote-a" : "remote-b");
                assertThat(events.get(i).finalTexts()).containsExactlyElementsOf(expected(scripts.get(i)));
                assertThat(sessions.get(i).recoveries()).isEmpty();
            }
        } finally {
            sessions.forEach(RecoveringSession::close);
        }
    }

    @Test
    void aDrainingOrUnreachableWorkerIsSkippedAndNoneUsableSaysWhy() throws Exception {
        TestWorker draining = worker("remote-draining");
        TestWorker healthy = worker("remote-healthy");
        String unreachable = "127.0.0.1:" + closedPort();
        String drainingTarget = draining.target();
        String healthyTarget = healthy.target();
        draining.core().drain(Duration.ZERO);
        pool(List.of(unreachable, drainingTarget, healthyTarget));

        for (int i = 0; i < 3; i++) {
            assertThat(pool.place().workerId()).isEqualTo("remote-healthy");
            pool.place().client().createSession(CONFIG);
        }
        assertThat(pool.poll())
                .extracting(WorkerPool.WorkerStatus::problem)
                .satisfies(
                        p -> assertThat(p.get(0)).startsWith("UNAVAILABLE"),
                        p -> assertThat(p.get(1)).contains("not serving"),
                        p -> assertThat(p.get(2)).isEmpty());

        healthy.kill();
        assertThatThrownBy(() -> pool.place()).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(e.getStatus().getDescription())
                    .contains(unreachable, drainingTarget, healthyTarget, "not serving");
        });
    }

    @Test
    void aWorkerKilledMidDictationHandsTheSessionToTheOtherWorkerWithTheTranscriptIntact() throws Exception {
        TestWorker victim = worker("remote-victim");
        TestWorker survivor = worker("remote-survivor");
        pool(List.of(victim.target(), survivor.target()));
        ToneScript script = script(5, 0);
        byte[] pcm = Pcm16.fromFloat(script.samples());
        Events events = new Events();
        List<RecoveryReport> reports;
        try (RecoveringSession session =
                pool.startSession(CONFIG, RecoverySettings.defaults(), events, new RecoveryListener() {})) {
            assertThat(session.workerId()).isEqualTo("remote-victim");
            CompletableFuture<Void> streaming = CompletableFuture.runAsync(() -> stream(session, pcm, 4.0));
            assertThat(events.laterSentenceUnderWay.await(20, TimeUnit.SECONDS)).isTrue();
            long sentWhenKilled = session.lastSequence();
            victim.kill();
            streaming.get(20, TimeUnit.SECONDS);
            session.stop();
            reports = session.recoveries();
            assertThat(sentWhenKilled).isLessThan(pcm.length / (RATE * CHUNK_MS / 1000 * 2));
            assertThat(session.workerId()).isEqualTo("remote-survivor");
        }
        // Exactly once across workers: every sentence, in order, nothing lost or repeated.
        assertThat(events.finalTexts()).containsExactlyElementsOf(expected(script));
        assertThat(events.finalWorkerIds()).containsExactly("remote-victim", "remote-survivor");
        assertThat(reports).singleElement().satisfies(r -> {
            assertThat(r.lostWorkerId()).isEqualTo("remote-victim");
            assertThat(r.newWorkerId()).isEqualTo("remote-survivor");
            assertThat(r.replayedSeconds()).isPositive();
        });
    }

    @Test
    void aBatchWhoseWorkerIsLostIsTranscribedAgainOnAnotherWorker() throws Exception {
        HoldableToneWordEngine held = new HoldableToneWordEngine();
        TestWorker victim = worker("remote-victim", held);
        TestWorker survivor = worker("remote-survivor");
        pool(List.of(victim.target(), survivor.target()));
        ToneScript script = script(3, 2);
        byte[] pcm = Pcm16.fromFloat(script.samples());
        List<String> moves = new CopyOnWriteArrayList<>();
        held.hold(); // the victim takes the whole file, then decodes nothing until it is gone

        try (held) {
            CompletableFuture<TranscriptionResult> batch = CompletableFuture.supplyAsync(() -> {
                try {
                    return pool.transcribeOffline(
                            pcm,
                            RATE,
                            1,
                            CONFIG,
                            TranscriptionProgress.none(),
                            (lost, cause) -> moves.add(
                                    lost + ": " + Status.fromThrowable(cause).getCode()));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(held.holding.await(20, TimeUnit.SECONDS)).isTrue();
            victim.kill();

            TranscriptionResult result = batch.get(20, TimeUnit.SECONDS);
            // A batch packs sentences with short pauses into one decode window, so the words come as one segment.
            assertThat(result.segments().stream().map(FinalSegment::getText).collect(Collectors.joining(" ")))
                    .isEqualTo(String.join(" ", expected(script)));
            assertThat(moves).singleElement().asString().startsWith("remote-victim: ");
        }
    }
}
