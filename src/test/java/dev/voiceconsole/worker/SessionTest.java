package dev.voiceconsole.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.voiceconsole.engine.DecodeRequest;
import dev.voiceconsole.engine.DecodeResult;
import dev.voiceconsole.engine.EngineException;
import dev.voiceconsole.engine.EngineInfo;
import dev.voiceconsole.engine.SpeechEngine;
import dev.voiceconsole.proto.v1.AudioChunk;
import dev.voiceconsole.proto.v1.ChunkAck;
import dev.voiceconsole.proto.v1.FinalSegment;
import dev.voiceconsole.proto.v1.SessionConfig;
import dev.voiceconsole.proto.v1.SessionMode;
import dev.voiceconsole.proto.v1.StreamEvent;
import dev.voiceconsole.worker.policy.PolicyEvent;
import dev.voiceconsole.worker.policy.ToneWordEngine;
import dev.voiceconsole.worker.policy.TranscriptionPolicies;
import dev.voiceconsole.worker.policy.TranscriptionPolicy;
import dev.voiceconsole.worker.policy.VoiceActivityDetector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One session on an executor the test owns: once the executor has terminated, every task the session ever ran is
 * over, so "nothing more happened" can be asserted without waiting for time to pass.
 */
class SessionTest {

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stopExecutor() throws InterruptedException {
        release.countDown();
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }

    private static final EventSink IGNORED = new EventSink() {
        @Override
        public void send(StreamEvent event) {}

        @Override
        public void complete() {}

        @Override
        public void fail(WorkerException error) {}
    };

    private Session session(SessionMode mode, TranscriptionPolicy policy) {
        return session(mode, policy, executor);
    }

    private Session session(SessionMode mode, TranscriptionPolicy policy, java.util.concurrent.Executor runOn) {
        SessionSpec spec = new SessionConfigValidator()
                .validate(SessionConfig.newBuilder()
                        .setSampleRateHz(16_000)
                        .setMode(mode)
                        .build());
        return new Session(
                "s-1",
                spec,
                WorkerSettings.defaults("w", "embedded", "test"),
                policy,
                TestAudio.converters().create(16_000, 1),
                runOn,
                s -> {},
                WorkerMetrics.NONE);
    }

    private static AudioChunk chunk(long sequence, byte[] pcm) {
        return AudioChunk.newBuilder()
                .setSessionId("s-1")
                .setSequence(sequence)
                .setPcm16Le(ByteString.copyFrom(pcm))
                .build();
    }

    private void awaitSessionThreadsDone() throws InterruptedException {
        release.countDown();
        executor.shutdown();
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void pendingBytesNeverGoNegativeWhenTheSessionClosesMidFeed() throws Exception {
        CountDownLatch feeding = new CountDownLatch(1);
        TranscriptionPolicy blockingFeed = new TranscriptionPolicy() {
            @Override
            public List<PolicyEvent> feed(float[] samples) {
                feeding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return List.of();
            }

            @Override
            public List<PolicyEvent> decodeIfDue() {
                return List.of();
            }

            @Override
            public List<PolicyEvent> flush() {
                return List.of();
            }

            @Override
            public long samplesFed() {
                return 0;
            }

            @Override
            public long heldSamples() {
                return 0;
            }

            @Override
            public long heldBytes() {
                return 0;
            }
        };
        Session session = session(SessionMode.SESSION_MODE_LIVE, blockingFeed);
        AudioStreamHandle stream = session.attach(IGNORED);
        stream.onChunk(chunk(1, TestAudio.wordChunk(1, 160, 1)));
        assertThat(feeding.await(10, TimeUnit.SECONDS)).isTrue();
        stream.onChunk(chunk(2, TestAudio.wordChunk(2, 160, 1))); // queued behind the one being fed

        session.close(null);
        awaitSessionThreadsDone();

        assertThat(session.pendingBytes()).isZero();
    }

    @Test
    void aReleasedOfflineSessionDecodesNoFurtherWindows() throws Exception {
        CountingEngine engine = new CountingEngine(release);
        TranscriptionPolicy offline = TranscriptionPolicies.create(
                new SessionConfigValidator()
                        .validate(SessionConfig.newBuilder()
                                .setSampleRateHz(16_000)
                                .setMode(SessionMode.SESSION_MODE_OFFLINE)
                                .build())
                        .policy(),
                engine,
                VoiceActivityDetector::new);
        // Nothing runs until all the audio and the half-close are queued, so the flush does every decode.
        List<Runnable> held = new ArrayList<>();
        Session session = session(SessionMode.SESSION_MODE_OFFLINE, offline, held::add);
        AudioStreamHandle stream = session.attach(IGNORED);
        // Five sentences 3 s apart: each is a window of its own.
        byte[] audio = sentencesFarApart(5);
        long seq = 1;
        for (int at = 0; at < audio.length; at += 3200) {
            stream.onChunk(chunk(seq++, Arrays.copyOfRange(audio, at, Math.min(audio.length, at + 3200))));
        }
        stream.onEndOfAudio();
        held.forEach(executor::execute);

        // StopSession arrives while the flush decodes its first window, and its deadline passes: the session is
        // released (WorkerCore closes it) and its remaining windows must not be decoded.
        assertThat(engine.first.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> session.stop(System.nanoTime()))
                .isInstanceOfSatisfying(
                        WorkerException.class,
                        e -> assertThat(e.reason()).isEqualTo(WorkerException.Reason.DEADLINE_EXCEEDED));
        session.close(null);
        awaitSessionThreadsDone();

        assertThat(engine.decodes.get())
                .as("decodes, counting the one running when the session was released")
                .isEqualTo(1);
    }

    @Test
    void anOfflineSessionFedFasterThanItDecodesHoldsAtMostItsBoundAndLosesNothing() {
        Duration bound = Duration.ofSeconds(5);
        int chunkBytes = 3200; // 100 ms
        // Thirty seconds may wait as PCM: without the bound the drain would feed all of it before decoding.
        WorkerSettings settings = WorkerSettings.defaults("w", "embedded", "test")
                .withLimits(chunkBytes, 30 * 32_000)
                .withMaxHeldAudio(bound);
        SessionSpec spec = new SessionConfigValidator()
                .validate(SessionConfig.newBuilder()
                        .setSampleRateHz(16_000)
                        .setMode(SessionMode.SESSION_MODE_OFFLINE)
                        .build());
        HeldAudioProbe policy = new HeldAudioProbe(
                TranscriptionPolicies.create(spec.policy(), new ToneWordEngine(), VoiceActivityDetector::new));
        // The test runs the session's drains itself, between its sends: no thread decides the order.
        List<Runnable> drains = new ArrayList<>();
        Session session = new Session(
                "s-1",
                spec,
                settings,
                policy,
                TestAudio.converters().create(16_000, 1),
                drains::add,
                s -> {},
                WorkerMetrics.NONE);
        RecordingSink sink = new RecordingSink();
        AudioStreamHandle stream = session.attach(sink);

        byte[] audio = sentencesFarApart(40); // 144 s
        long maxHeapBytes = 0;
        int rejected = 0;
        long seq = 1;
        for (int at = 0; at < audio.length; ) {
            stream.onChunk(chunk(seq, Arrays.copyOfRange(audio, at, Math.min(audio.length, at + chunkBytes))));
            if (sink.lastAck() == ChunkAck.Result.REJECTED) {
                rejected++;
                runAll(drains); // the client's back-off: the worker catches up, the same chunk is sent again
                maxHeapBytes = Math.max(maxHeapBytes, session.heldBytes());
                continue;
            }
            at += chunkBytes;
            seq++;
        }
        stream.onEndOfAudio();
        runAll(drains);

        long chunkSamples = chunkBytes / 2;
        long boundSamples = bound.toMillis() * 16;
        assertThat(rejected).as("chunks the full pending queue sent back").isPositive();
        assertThat(policy.maxHeldSamples)
                .as("samples held after a feed")
                .isPositive()
                .isLessThanOrEqualTo(boundSamples + chunkSamples);
        // The buffer grows by doubling from what it keeps before a feed (at most the bound plus one chunk).
        assertThat(maxHeapBytes).isLessThanOrEqualTo(4 * (boundSamples + 2 * chunkSamples) * Float.BYTES);
        assertThat(sink.finals)
                .as("one final per sentence, in order, none lost")
                .hasSize(40)
                .allSatisfy(f -> assertThat(f.getText()).containsIgnoringCase("alpha"))
                .isSortedAccordingTo(java.util.Comparator.comparingDouble(FinalSegment::getStartS));
    }

    private static void runAll(List<Runnable> tasks) {
        while (!tasks.isEmpty()) {
            tasks.remove(0).run();
        }
    }

    /** Remembers the most audio the policy under it held after a feed. */
    private static final class HeldAudioProbe implements TranscriptionPolicy {
        private final TranscriptionPolicy policy;
        long maxHeldSamples;

        HeldAudioProbe(TranscriptionPolicy policy) {
            this.policy = policy;
        }

        @Override
        public List<PolicyEvent> feed(float[] samples) {
            List<PolicyEvent> events = policy.feed(samples);
            maxHeldSamples = Math.max(maxHeldSamples, policy.heldSamples());
            return events;
        }

        @Override
        public List<PolicyEvent> decodeIfDue() {
            return policy.decodeIfDue();
        }

        @Override
        public List<PolicyEvent> flush() {
            return policy.flush();
        }

        @Override
        public long samplesFed() {
            return policy.samplesFed();
        }

        @Override
        public long heldSamples() {
            return policy.heldSamples();
        }

        @Override
        public long heldBytes() {
            return policy.heldBytes();
        }
    }

    private static final class RecordingSink implements EventSink {
        final List<FinalSegment> finals = new ArrayList<>();
        private ChunkAck.Result lastAck;

        ChunkAck.Result lastAck() {
            return lastAck;
        }

        @Override
        public void send(StreamEvent event) {
            if (event.hasAck()) {
                lastAck = event.getAck().getResult();
            } else if (event.hasFinal()) {
                finals.add(event.getFinal());
            }
        }

        @Override
        public void complete() {}

        @Override
        public void fail(WorkerException error) {}
    }

    @Test
    void aFailedFlushEndsStopSessionWithItsCauseInsteadOfTheDeadline() throws Exception {
        TranscriptionPolicy brokenFlush = new TranscriptionPolicy() {
            @Override
            public List<PolicyEvent> feed(float[] samples) {
                return List.of();
            }

            @Override
            public List<PolicyEvent> decodeIfDue() {
                return List.of();
            }

            @Override
            public List<PolicyEvent> flush() {
                throw new UnsatisfiedLinkError("whisper_full_with_state: native method not found");
            }

            @Override
            public long samplesFed() {
                return 0;
            }

            @Override
            public long heldSamples() {
                return 0;
            }

            @Override
            public long heldBytes() {
                return 0;
            }
        };
        Session session = session(SessionMode.SESSION_MODE_LIVE, brokenFlush);
        session.attach(IGNORED).onChunk(chunk(1, TestAudio.wordChunk(1, 160, 1)));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        assertThatThrownBy(() -> session.stop(deadline)).isInstanceOfSatisfying(WorkerException.class, e -> {
            assertThat(e.reason()).isEqualTo(WorkerException.Reason.INTERNAL);
            assertThat(e.getMessage()).contains("native method not found");
        });
    }

    /** {@code n} 600-ms 300-Hz tones, each followed by 3 s of silence, as PCM16LE at 16 kHz. */
    private static byte[] sentencesFarApart(int n) {
        int tone = 16 * 600;
        int pause = 16 * 3000;
        ByteBuffer pcm = ByteBuffer.allocate(2 * n * (tone + pause)).order(ByteOrder.LITTLE_ENDIAN);
        for (int s = 0; s < n; s++) {
            for (int i = 0; i < tone; i++) {
                pcm.putShort((short) (0.3 * 32767 * Math.sin(2 * Math.PI * 300 * i / 16_000.0)));
            }
            for (int i = 0; i < pause; i++) {
                pcm.putShort((short) 0);
            }
        }
        return pcm.array();
    }

    /** Counts decodes; the first one waits for the test's release. */
    private static final class CountingEngine implements SpeechEngine {
        final ToneWordEngine words = new ToneWordEngine();
        final AtomicInteger decodes = new AtomicInteger();
        final CountDownLatch first = new CountDownLatch(1);
        private final CountDownLatch release;

        CountingEngine(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public DecodeResult decode(float[] samples, DecodeRequest request) throws EngineException {
            if (decodes.incrementAndGet() == 1) {
                first.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return words.decode(samples, request);
        }

        @Override
        public EngineInfo info() {
            return words.info();
        }

        @Override
        public void close() {}
    }
}
