package dev.voiceconsole.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voiceconsole.client.AudioStream;
import dev.voiceconsole.contract.ProtocolVersion;
import dev.voiceconsole.proto.v1.ChunkAck;
import dev.voiceconsole.proto.v1.CreateSessionRequest;
import dev.voiceconsole.proto.v1.CreateSessionResponse;
import dev.voiceconsole.proto.v1.GetHealthRequest;
import dev.voiceconsole.proto.v1.HealthResponse;
import dev.voiceconsole.proto.v1.ServingState;
import dev.voiceconsole.proto.v1.StopSessionResponse;
import dev.voiceconsole.proto.v1.VoiceWorkerGrpc;
import dev.voiceconsole.worker.TestAudio;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SessionLifecycleTest {

    private static StatusRuntimeException statusOf(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return e;
        }
        throw new AssertionError("call succeeded but should have failed");
    }

    private static HealthCheckResponse.ServingStatus standardHealth(WorkerFixture f, String service) {
        return HealthGrpc.newBlockingStub(f.worker.channel())
                .check(HealthCheckRequest.newBuilder().setService(service).build())
                .getStatus();
    }

    @Test
    void eleventhSessionIsRefusedAndHealthIsDegradedWhileStandardHealthStaysServing() throws Exception {
        try (WorkerFixture f = new WorkerFixture(WorkerFixture.settings())) {
            for (int i = 0; i < 10; i++) {
                f.client.createSession(WorkerFixture.mono16k());
            }
            StatusRuntimeException refused = statusOf(() -> f.client.createSession(WorkerFixture.mono16k()));
            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(refused.getStatus().getDescription()).contains("10 of 10");

            HealthResponse health = f.client.health();
            assertThat(health.getState()).isEqualTo(ServingState.DEGRADED);
            assertThat(health.getActiveSessions()).isEqualTo(10);
            assertThat(health.getMaxSessions()).isEqualTo(10);
            assertThat(health.getProtocolVersion()).isEqualTo(ProtocolVersion.CURRENT);
            assertThat(health.getProcessRssBytes()).isPositive();
            assertThat(health.getModelName()).isEqualTo("scripted");
            assertThat(standardHealth(f, "")).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
            assertThat(standardHealth(f, VoiceWorkerGrpc.SERVICE_NAME))
                    .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        }
    }

    @Test
    void duplicateIdIsAlreadyExistsAndEmptyIdIsAssigned() throws Exception {
        try (WorkerFixture f = new WorkerFixture(WorkerFixture.settings())) {
            CreateSessionResponse named = f.client.createSession("desk-1", WorkerFixture.mono16k());
            assertThat(named.getSessionId()).isEqualTo("desk-1");
            assertThat(named.getWorkerId()).isEqualTo("test-worker");
            assertThat(named.getMaxChunkBytes()).isEqualTo(256 * 1024);

            StatusRuntimeException dup = statusOf(() -> f.client.createSession("desk-1", WorkerFixture.mono16k()));
            assertThat(dup.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);

            String a = f.client.createSession(WorkerFixture.mono16k()).getSessionId();
            String b = f.client.createSession(WorkerFixture.mono16k()).getSessionId();
            assertThat(a).isNotBlank().isNotEqualTo(b);
        }
    }

    @Test
    void streamingToUnknownOrStoppedSessionIsNotFound() throws Exception {
        try (WorkerFixture f = new WorkerFixture(WorkerFixture.settings())) {
            EventCollector unknown = new EventCollector();
            AudioStream s1 = f.client.openStream("no-such-session", unknown);
            s1.send(TestAudio.wordChunk(1, 160, 1), 1);
            assertThat(s1.awaitEnd(5, TimeUnit.SECONDS)).isTrue();
            assertThat(Status.fromThrowable(unknown.error).getCode()).isEqualTo(Status.Code.NOT_FOUND);

            String id = f.client.createSession(WorkerFixture.mono16k()).getSessionId();
            f.client.stopSession(id, 0);
            EventCollector stopped = new EventCollector();
            AudioStream s2 = f.client.openStream(id, stopped);
            s2.send(TestAudio.wordChunk(1, 160, 1), 1);
            assertThat(s2.awaitEnd(5, TimeUnit.SECONDS)).isTrue();
            assertThat(Status.fromThrowable(stopped.error).getCode()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(Status.fromThrowable(stopped.error).getDescription()).contains("stopped");
        }
    }

    @Test
    void stopIsIdempotentAndUnknownStopIsNotFound() throws Exception {
        try (WorkerFixture f = new WorkerFixture(WorkerFixture.settings())) {
            String id = f.client.createSession(WorkerFixture.mono16k()).getSessionId();
            StopSessionResponse first = f.client.stopSession(id, 0);
            StopSessionResponse second = f.client.stopSession(id, 0);
            assertThat(first.getAlreadyStopped()).isFalse();
            assertThat(second.getAlreadyStopped()).isTrue();
            assertThat(f.client.health().getActiveSessions()).isZero();
            assertThat(statusOf(() -> f.client.stopSession("never-existed", 0))
                            .getStatus()
                            .getCode())
                    .isEqualTo(Status.Code.NOT_FOUND);
        }
    }

    @Test
    void secondConcurrentStreamIsFailedPrecondition() throws Exception {
        try (WorkerFixture f = new WorkerFixture(WorkerFixture.settings())) {
            String id = f.client.createSession(WorkerFixture.mono16k()).getSessionId();
            EventCollector first = new EventCollector();
            f.client.openStream(id, first).send(TestAudio.wordChunk(1, 160, 1), 1);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> !first.acks(ChunkAck.Result.ACCEPTED).isEmpty());

            EventCollector second = new EventCollector();
            AudioStream s2 = f.client.openStream(id, second);
            s2.send(TestAudio.wordChunk(2, 160, 1), 1);
            assertThat(s2.awaitEnd(5, TimeUnit.SECONDS)).isTrue();
            assertThat(Status.fromThrowable(second.error).getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(first.error).isNull();
        }
    }

    @Test
    void cancelledStreamFreesItsSlotAtOnce() throws Exception {
        try (WorkerFixture f = new WorkerFixture(WorkerFixture.settings())) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ids.add(f.client.createSession(WorkerFixture.mono16k()).getSessionId());
            }
            EventCollector events = new EventCollector();
            AudioStream stream = f.client.openStream(ids.get(3), events);
            stream.send(TestAudio.wordChunk(1, 160, 1), 1);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> !events.acks(ChunkAck.Result.ACCEPTED).isEmpty());

            stream.cancel();
            // Cancellation travels asynchronously; the slot must be free without any idle timeout.
            await().atMost(Duration.ofSeconds(5)).until(() -> f.client.health().getActiveSessions() == 9);
            assertThat(f.client.createSession(WorkerFixture.mono16k()).getSessionId())
                    .isNotBlank();
            assertThat(f.client.stopSession(ids.get(3), 0).getAlreadyStopped()).isTrue();
        }
    }

    @Test
    void sessionWithoutStreamIsReapedButStreamingSessionIsNot() throws Exception {
        try (WorkerFixture f = new WorkerFixture(WorkerFixture.settings().withIdleReapAfter(Duration.ofMillis(300)))) {
            String streaming = f.client.createSession(WorkerFixture.mono16k()).getSessionId();
            EventCollector events = new EventCollector();
            f.client.openStream(streaming, events).send(TestAudio.wordChunk(1, 160, 1), 1);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> !events.acks(ChunkAck.Result.ACCEPTED).isEmpty());
            String idle = f.client.createSession(WorkerFixture.mono16k()).getSessionId();

            await().atMost(Duration.ofSeconds(5)).until(() -> f.client.health().getActiveSessions() == 1);
            assertThat(f.client.stopSession(idle, 0).getAlreadyStopped()).isTrue();
            assertThat(f.core.health().activeSessions()).isEqualTo(1);
            assertThat(f.client.stopSession(streaming, 1).getAlreadyStopped()).isFalse();
        }
    }

    @Test
    void drainingRefusesNewSessionsFlushesOpenOnesAndReportsNotServing() throws Exception {
        try (WorkerFixture f = new WorkerFixture(WorkerFixture.settings())) {
            String id = f.client.createSession(WorkerFixture.mono16k()).getSessionId();
            EventCollector events = new EventCollector();
            AudioStream stream = f.client.openStream(id, events);
            stream.send(TestAudio.wordChunk(7, 160, 1), 1);
            stream.send(TestAudio.wordChunk(8, 160, 1), 2);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> events.acks(ChunkAck.Result.ACCEPTED).size() == 2);

            f.core.drain(Duration.ofSeconds(5));

            assertThat(stream.awaitEnd(5, TimeUnit.SECONDS)).isTrue();
            assertThat(events.completed).isTrue();
            assertThat(events.finalText()).isEqualTo("w7 w8");
            StatusRuntimeException refused = statusOf(() -> f.client.createSession(WorkerFixture.mono16k()));
            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(f.client.health().getState()).isEqualTo(ServingState.NOT_SERVING);
            assertThat(standardHealth(f, "")).isEqualTo(HealthCheckResponse.ServingStatus.NOT_SERVING);
        }
    }

    @Test
    void rawCreateWithoutConfigIsInvalidArgument() throws Exception {
        try (WorkerFixture f = new WorkerFixture(WorkerFixture.settings())) {
            StatusRuntimeException e =
                    statusOf(() -> f.stub().createSession(CreateSessionRequest.getDefaultInstance()));
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription()).contains("sample rate");
            assertThat(f.stub().getHealth(GetHealthRequest.getDefaultInstance()).getState())
                    .isEqualTo(ServingState.SERVING);
        }
    }

    @Test
    void aStreamAfterTheHalfCloseIsRefusedAtOnceAndNoAudioIsAcknowledged() throws Exception {
        try (WorkerFixture f = new WorkerFixture(
                WorkerFixture.settings(),
                new java.util.concurrent.CountDownLatch(0),
                dev.voiceconsole.client.ClientSettings.defaults(),
                dev.voiceconsole.worker.ResamplingAudioConverter::new)) {
            String id = f.client.createSession(WorkerFixture.mono16k()).getSessionId();
            RawStream first = new RawStream(f.worker.channel(), id);
            first.send(1, 0, TestAudio.wordChunk(1, 160, 1));
            first.halfClose();
            assertThat(first.awaitEnd()).isTrue();
            assertThat(first.events.completed).isTrue();

            RawStream second = new RawStream(f.worker.channel(), id);
            second.send(2, 0, TestAudio.wordChunk(2, 160, 1));
            assertThat(second.awaitEnd()).isTrue();
            assertThat(Status.fromThrowable(second.events.error).getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(Status.fromThrowable(second.events.error).getDescription())
                    .contains("half-closed");
            assertThat(second.events.acks(ChunkAck.Result.ACCEPTED)).isEmpty();
            assertThat(f.client.stopSession(id, 0).getAudioSeconds()).isEqualTo(0.01);
        }
    }

    @Test
    void stopWithAnEmptyIdSaysWhatIsMissing() throws Exception {
        try (WorkerFixture f = new WorkerFixture(WorkerFixture.settings())) {
            StatusRuntimeException e = statusOf(
                    () -> f.stub().stopSession(dev.voiceconsole.proto.v1.StopSessionRequest.getDefaultInstance()));
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription())
                    .isEqualTo("StopSession needs the session_id of the session to stop");
        }
    }

    @Test
    void uint32ConfigValuesAreReportedUnsigned() throws Exception {
        try (WorkerFixture f = new WorkerFixture(WorkerFixture.settings())) {
            StatusRuntimeException e = statusOf(() -> f.client.createSession(WorkerFixture.mono16k().toBuilder()
                    .setVad(dev.voiceconsole.proto.v1.VadConfig.newBuilder().setPreRollMs((int) 4_000_000_000L))
                    .build()));
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription()).isEqualTo("VAD pre-roll is out of range, was 4000000000 ms");
        }
    }
}
