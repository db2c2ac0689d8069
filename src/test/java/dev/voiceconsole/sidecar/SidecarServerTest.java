package dev.voiceconsole.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.voiceconsole.client.AudioStream;
import dev.voiceconsole.client.ClientSettings;
import dev.voiceconsole.client.StreamListener;
import dev.voiceconsole.client.VoiceWorkerClient;
import dev.voiceconsole.engine.SpeechEngine;
import dev.voiceconsole.proto.v1.GetHealthRequest;
import dev.voiceconsole.proto.v1.SessionConfig;
import dev.voiceconsole.proto.v1.StopSessionRequest;
import dev.voiceconsole.proto.v1.StopSessionResponse;
import dev.voiceconsole.proto.v1.StreamEvent;
import dev.voiceconsole.proto.v1.VoiceWorkerGrpc;
import dev.voiceconsole.testing.WorkerTest;
import dev.voiceconsole.transport.ListenEndpoint;
import dev.voiceconsole.transport.TlsFiles;
import dev.voiceconsole.worker.ResamplingAudioConverter;
import dev.voiceconsole.worker.ScriptedPolicy;
import dev.voiceconsole.worker.TestAudio;
import dev.voiceconsole.worker.WorkerCore;
import dev.voiceconsole.worker.WorkerSettings;
import dev.voiceconsole.worker.policy.ToneWordEngine;
import dev.voiceconsole.worker.policy.TranscriptionPolicies;
import dev.voiceconsole.worker.policy.VoiceActivityDetector;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The serving half in this JVM: token checks on every service, loopback rule, TLS, busy port. */
@WorkerTest
class SidecarServerTest {

    private static final String TOKEN = SidecarToken.generate();

    @TempDir
    static Path dir;

    private static SidecarServer shared;

    @BeforeAll
    static void startShared() throws Exception {
        shared = SidecarServer.start(
                new SidecarServer.Options(
                        ListenEndpoint.of("127.0.0.1", 0, Optional.empty()), TOKEN, Duration.ofSeconds(1)),
                core());
    }

    @AfterAll
    static void stopShared() {
        shared.stop();
    }

    static WorkerCore core() {
        SpeechEngine engine = new ToneWordEngine();
        return new WorkerCore(
                WorkerSettings.defaults("server-test", "sidecar", "test"),
                settings -> TranscriptionPolicies.create(settings, engine, VoiceActivityDetector::new),
                ResamplingAudioConverter::new,
                engine.info());
    }

    private static ManagedChannel channel(Optional<String> token) throws Exception {
        return WorkerChannels.open("127.0.0.1:" + shared.port(), token, Optional.empty());
    }

    @Test
    void theRightTokenIsLetThroughToEveryService() throws Exception {
        ManagedChannel channel = channel(Optional.of(TOKEN));
        try (VoiceWorkerClient client = new VoiceWorkerClient(channel, ClientSettings.defaults())) {
            assertThat(client.connect().getWorkerId()).isEqualTo("server-test");
            assertThat(client.createSession(SessionConfig.newBuilder()
                                    .setSampleRateHz(16_000)
                                    .build())
                            .getSessionId())
                    .isNotEmpty();
            assertThat(HealthGrpc.newBlockingStub(channel)
                            .withDeadlineAfter(5, TimeUnit.SECONDS)
                            .check(HealthCheckRequest.getDefaultInstance())
                            .getStatus())
                    .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
            assertThat(reflectionServices(channel).get(10, TimeUnit.SECONDS))
                    .contains("voiceconsole.v1.VoiceWorker", "grpc.health.v1.Health");
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void aMissingTokenIsUnauthenticatedOnEveryService() throws Exception {
        ManagedChannel channel = channel(Optional.empty());
        try {
            assertUnauthenticated(
                    () -> VoiceWorkerGrpc.newBlockingStub(channel).getHealth(GetHealthRequest.getDefaultInstance()),
                    "missing bearer token");
            assertUnauthenticated(
                    () -> HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance()),
                    "missing bearer token");
            assertThatThrownBy(() -> reflectionServices(channel).get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(StatusRuntimeException.class)
                    .cause()
                    .extracting(e -> ((StatusRuntimeException) e).getStatus().getCode())
                    .isEqualTo(Status.Code.UNAUTHENTICATED);
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void aWrongTokenIsUnauthenticated() throws Exception {
        ManagedChannel almost = channel(Optional.of(TOKEN.substring(0, TOKEN.length() - 1) + "x"));
        ManagedChannel longer = channel(Optional.of(TOKEN + "x"));
        try {
            assertUnauthenticated(
                    () -> VoiceWorkerGrpc.newBlockingStub(almost).getHealth(GetHealthRequest.getDefaultInstance()),
                    "wrong bearer token");
            assertUnauthenticated(
                    () -> VoiceWorkerGrpc.newBlockingStub(longer)
                            .createSession(dev.voiceconsole.proto.v1.CreateSessionRequest.getDefaultInstance()),
                    "wrong bearer token");
        } finally {
            almost.shutdownNow();
            longer.shutdownNow();
        }
    }

    @Test
    void aNonLoopbackAddressWithoutTlsIsRefused() {
        assertThatThrownBy(() -> ListenEndpoint.of("0.0.0.0", 0, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("refusing to listen on 0.0.0.0 without TLS: a non-loopback address exposes the worker to "
                        + "the network; pass --tls-cert and --tls-key, or listen on 127.0.0.1");
        assertThat(ListenEndpoint.of("127.0.0.1", 0, Optional.empty()).loopback())
                .isTrue();
        assertThat(ListenEndpoint.of("::1", 0, Optional.empty()).loopback()).isTrue();
    }

    @Test
    void tlsWithAGeneratedCertificateServesOnAllInterfaces() throws Exception {
        TlsFiles tls = TestCertificates.selfSigned(dir);
        SidecarServer server = SidecarServer.start(
                new SidecarServer.Options(
                        ListenEndpoint.of("0.0.0.0", 0, Optional.of(tls)), TOKEN, Duration.ofSeconds(1)),
                core());
        String target = "127.0.0.1:" + server.port();
        ManagedChannel secure = WorkerChannels.open(target, Optional.of(TOKEN), Optional.of(tls.certificateChain()));
        ManagedChannel secureNoToken =
                WorkerChannels.open(target, Optional.empty(), Optional.of(tls.certificateChain()));
        ManagedChannel plain = WorkerChannels.open(target, Optional.of(TOKEN), Optional.empty());
        try {
            assertThat(server.readyLine().tls()).isTrue();
            assertThat(VoiceWorkerGrpc.newBlockingStub(secure)
                            .withDeadlineAfter(10, TimeUnit.SECONDS)
                            .getHealth(GetHealthRequest.getDefaultInstance())
                            .getWorkerId())
                    .isEqualTo("server-test");
            assertUnauthenticated(
                    () -> VoiceWorkerGrpc.newBlockingStub(secureNoToken)
                            .getHealth(GetHealthRequest.getDefaultInstance()),
                    "missing bearer token");
            assertThatThrownBy(() -> VoiceWorkerGrpc.newBlockingStub(plain)
                            .withDeadlineAfter(5, TimeUnit.SECONDS)
                            .getHealth(GetHealthRequest.getDefaultInstance()))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        } finally {
            secure.shutdownNow();
            secureNoToken.shutdownNow();
            plain.shutdownNow();
            server.stop();
        }
    }

    @Test
    void aBusyPortIsReportedBeforeAndAtBind() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            InetSocketAddress address =
                    new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), taken.getLocalPort());
            String message = "port " + taken.getLocalPort() + " on 127.0.0.1 is already in use; pick another --port, "
                    + "or --port 0 for a free one";
            assertThatThrownBy(() -> SidecarServer.requirePortFree(address))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessage(message);
            assertThatThrownBy(() -> SidecarServer.start(
                            new SidecarServer.Options(
                                    ListenEndpoint.of("127.0.0.1", taken.getLocalPort(), Optional.empty()),
                                    TOKEN,
                                    Duration.ofSeconds(1)),
                            core()))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessage(message);
        }
    }

    /** Scripted policies (word ids as samples, see {@code TestAudio}); decodes wait for {@code gate}. */
    private static WorkerCore scriptedCore(CountDownLatch gate) {
        return new WorkerCore(
                WorkerSettings.defaults("scripted-server", "sidecar", "test"),
                spec -> new ScriptedPolicy(gate),
                TestAudio.converters(),
                TestAudio.ENGINE);
    }

    private static SidecarServer scriptedServer(CountDownLatch gate, Duration drain) throws Exception {
        return SidecarServer.start(
                new SidecarServer.Options(ListenEndpoint.of("127.0.0.1", 0, Optional.empty()), TOKEN, drain),
                scriptedCore(gate));
    }

    @Test
    void stopDrainsOpenStreamsAndIsIdempotent() throws Exception {
        SidecarServer server = scriptedServer(new CountDownLatch(0), Duration.ofSeconds(10));
        int port = server.port();
        ManagedChannel channel = WorkerChannels.open("127.0.0.1:" + port, Optional.of(TOKEN), Optional.empty());
        try (VoiceWorkerClient client = new VoiceWorkerClient(channel, ClientSettings.defaults())) {
            String id = client.createSession(
                            SessionConfig.newBuilder().setSampleRateHz(16_000).build())
                    .getSessionId();
            List<StreamEvent> events = new CopyOnWriteArrayList<>();
            CompletableFuture<Throwable> ended = new CompletableFuture<>();
            AudioStream stream = client.openStream(id, listener(events, ended));
            stream.send(TestAudio.wordChunk(4, 160, 1), 1);
            stream.send(TestAudio.wordChunk(5, 160, 1), 2); // no silence after: only the drain's flush finalizes
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> events.stream().filter(StreamEvent::hasAck).count() == 2);

            CompletableFuture<Void> first = CompletableFuture.runAsync(server::stop);
            CompletableFuture<Void> second = CompletableFuture.runAsync(server::stop);
            first.get(30, TimeUnit.SECONDS);
            second.get(30, TimeUnit.SECONDS);
            server.stop();
            server.awaitStopped();

            assertThat(ended.get(10, TimeUnit.SECONDS))
                    .as("the stream ended normally")
                    .isNull();
            assertThat(events)
                    .filteredOn(StreamEvent::hasFinal)
                    .extracting(e -> e.getFinal().getText())
                    .containsExactly("w4 w5");
        } finally {
            channel.shutdownNow();
        }
        // The port is free again: a new server can take it.
        SidecarServer.requirePortFree(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
    }

    @Test
    void aStopSessionInFlightAtTheDrainIsServedWithinTheDrainDeadline() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        SidecarServer server = scriptedServer(gate, Duration.ofSeconds(20));
        ManagedChannel channel =
                WorkerChannels.open("127.0.0.1:" + server.port(), Optional.of(TOKEN), Optional.empty());
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (VoiceWorkerClient client = new VoiceWorkerClient(channel, ClientSettings.defaults())) {
            String id = client.createSession(
                            SessionConfig.newBuilder().setSampleRateHz(16_000).build())
                    .getSessionId();
            List<StreamEvent> events = new CopyOnWriteArrayList<>();
            AudioStream stream = client.openStream(id, listener(events, new CompletableFuture<>()));
            stream.send(TestAudio.wordChunk(7, 160, 1), 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(StreamEvent::hasAck));
            CompletableFuture<StopSessionResponse> stop =
                    CompletableFuture.supplyAsync(() -> VoiceWorkerGrpc.newBlockingStub(channel)
                            .withDeadlineAfter(60, TimeUnit.SECONDS)
                            .stopSession(StopSessionRequest.newBuilder()
                                    .setSessionId(id)
                                    .build()));
            // Chunks sent after the StopSession reached the worker are refused as "stopping": then it is in flight.
            long[] seq = {1};
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                stream.send(TestAudio.wordChunk(0, 160, 1), ++seq[0]);
                return events.stream()
                        .anyMatch(e -> e.hasError() && e.getError().getMessage().contains("is stopping"));
            });

            CompletableFuture<Void> sigterm = CompletableFuture.runAsync(server::stop);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.isDraining());
            // The flush is slower than the 2 s that calls get after the drain, and well within the drain deadline.
            var unused = timer.schedule(gate::countDown, 3, TimeUnit.SECONDS); // a countDown cannot fail

            StopSessionResponse response = stop.get(30, TimeUnit.SECONDS);
            assertThat(response.getAlreadyStopped()).isFalse();
            assertThat(response.getFlushedSegmentsList())
                    .extracting(s -> s.getText())
                    .containsExactly("w7");
            sigterm.get(30, TimeUnit.SECONDS);
        } finally {
            gate.countDown();
            timer.shutdownNow();
            channel.shutdownNow();
            server.stop();
        }
    }

    private static StreamListener listener(List<StreamEvent> events, CompletableFuture<Throwable> ended) {
        return new StreamListener() {
            @Override
            public void onEvent(StreamEvent event) {
                events.add(event);
            }

            @Override
            public void onCompleted() {
                ended.complete(null);
            }

            @Override
            public void onError(Throwable t) {
                ended.complete(t);
            }
        };
    }

    private static void assertUnauthenticated(Runnable call, String description) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(e.getStatus().getDescription()).startsWith(description);
        });
    }

    private static CompletableFuture<List<String>> reflectionServices(ManagedChannel channel) {
        CompletableFuture<List<String>> result = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse response) {
                        result.complete(response.getListServicesResponse().getServiceList().stream()
                                .map(s -> s.getName())
                                .toList());
                    }

                    @Override
                    public void onError(Throwable t) {
                        result.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {}
                });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        requests.onCompleted();
        return result;
    }
}
