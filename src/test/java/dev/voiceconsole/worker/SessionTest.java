package dev.voiceconsole.worker;

import com.google.protobuf.ByteString;
import dev.voiceconsole.engine.DecodeRequest;
import dev.voiceconsole.engine.DecodeResult;
import dev.voiceconsole.engine.EngineException;
import dev.voiceconsole.engine.EngineInfo;
import dev.voiceconsole.engine.SpeechEngine;
import dev.voiceconsole.proto.v1.AudioChunk;
import dev.voiceconsole.proto.v1.SessionConfig;
import dev.voiceconsole.proto.v1.SessionMode;
import dev.voiceconsole.proto.v1.StreamEvent;
import dev.voiceconsole.worker.policy.PolicyEvent;
import dev.voiceconsole.worker.policy.ToneWordEngine;
import dev.voiceconsole.worker.policy.TranscriptionPolicies;
import dev.voiceconsole.worker.policy.TranscriptionPolicy;
import dev.voiceconsole.worker.policy.VoiceActivityDetector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        public void send(StreamEvent event) {
        }

        @Override
        public void complete() {
        }

        @Override
        public void fail(WorkerException error) {
        }
    };

    private Session session(SessionMode mode, TranscriptionPolicy policy) {
        return session(mode, policy, executor);
    }

    private Session session(SessionMode mode, TranscriptionPolicy policy, java.util.concurrent.Executor runOn) {
        SessionSpec spec = new SessionConfigValidator().validate(SessionConfig.newBuilder().setSampleRateHz(16_000)
                .setMode(mode).build());
        return new Session("s-1", spec, WorkerSettings.defaults("w", "embedded", "test"), policy,
                TestAudio.converters().create(16_000, 1), runOn, s -> { }, WorkerMetrics.NONE);
    }

    private static AudioChunk chunk(long sequence, byte[] pcm) {
        return AudioChunk.newBuilder().setSessionId("s-1").setSequence(sequence).setPcm16Le(ByteString.copyFrom(pcm)).build();
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
                new SessionConfigValidator().validate(SessionConfig.newBuilder().setSampleRateHz(16_000)
                        .setMode(SessionMode.SESSION_MODE_OFFLINE).build()).policy(),
                engine, VoiceActivityDetector::new);
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
        assertThatThrownBy(() -> session.stop(System.nanoTime())).isInstanceOfSatisfying(WorkerException.class,
                e -> assertThat(e.reason()).isEqualTo(WorkerException.Reason.DEADLINE_EXCEEDED));
        session.close(null);
        awaitSessionThreadsDone();

        assertThat(engine.decodes.get()).as("decodes, counting the one running when the session was released")
                .isEqualTo(1);
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
        public void close() {
        }
    }
}
