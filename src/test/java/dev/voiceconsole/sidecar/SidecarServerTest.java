package dev.voiceconsole.sidecar;

import dev.voiceconsole.client.ClientSettings;
import dev.voiceconsole.client.VoiceWorkerClient;
import dev.voiceconsole.engine.SpeechEngine;
import dev.voiceconsole.proto.v1.GetHealthRequest;
import dev.voiceconsole.proto.v1.SessionConfig;
import dev.voiceconsole.proto.v1.VoiceWorkerGrpc;
import dev.voiceconsole.transport.ListenEndpoint;
import dev.voiceconsole.transport.TlsFiles;
import dev.voiceconsole.worker.ResamplingAudioConverter;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The serving half in this JVM: token checks on every service, loopback rule, TLS, busy port. */
class SidecarServerTest {

    private static final String TOKEN = SidecarToken.generate();

    @TempDir
    static Path dir;
    private static SidecarServer shared;

    @BeforeAll
    static void startShared() throws Exception {
        shared = SidecarServer.start(new SidecarServer.Options(ListenEndpoint.of("127.0.0.1", 0, Optional.empty()),
                TOKEN, Duration.ofSeconds(1)), core());
    }

    @AfterAll
    static void stopShared() {
        shared.stop();
    }

    static WorkerCore core() {
        SpeechEngine engine = new ToneWordEngine();
        return new WorkerCore(WorkerSettings.defaults("server-test", "sidecar", "test"),
                settings -> TranscriptionPolicies.create(settings, engine, VoiceActivityDetector::new),
                ResamplingAudioConverter::new, engine.info());
    }

    private static ManagedChannel channel(Optional<String> token) throws Exception {
        return WorkerChannels.open("127.0.0.1:" + shared.port(), token, Optional.empty());
    }

    @Test
    void theRightTokenIsLetThroughToEveryService() throws Exception {
        ManagedChannel channel = channel(Optional.of(TOKEN));
        try (VoiceWorkerClient client = new VoiceWorkerClient(channel, ClientSettings.defaults())) {
            assertThat(client.connect().getWorkerId()).isEqualTo("server-test");
            assertThat(client.createSession(SessionConfig.newBuilder().setSampleRateHz(16_000).build()).getSessionId()).isNotEmpty();
            assertThat(HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance()).getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
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
            assertUnauthenticated(() -> VoiceWorkerGrpc.newBlockingStub(channel).getHealth(GetHealthRequest.getDefaultInstance()),
                    "missing bearer token");
            assertUnauthenticated(() -> HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance()),
                    "missing bearer token");
            assertThatThrownBy(() -> reflectionServices(channel).get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(StatusRuntimeException.class)
                    .cause().extracting(e -> ((StatusRuntimeException) e).getStatus().getCode())
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
            assertUnauthenticated(() -> VoiceWorkerGrpc.newBlockingStub(almost).getHealth(GetHealthRequest.getDefaultInstance()),
                    "wrong bearer token");
            assertUnauthenticated(() -> VoiceWorkerGrpc.newBlockingStub(longer).createSession(
                    dev.voiceconsole.proto.v1.CreateSessionRequest.getDefaultInstance()), "wrong bearer token");
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
        assertThat(ListenEndpoint.of("127.0.0.1", 0, Optional.empty()).loopback()).isTrue();
        assertThat(ListenEndpoint.of("::1", 0, Optional.empty()).loopback()).isTrue();
    }

    @Test
    void tlsWithAGeneratedCertificateServesOnAllInterfaces() throws Exception {
        TlsFiles tls = TestCertificates.selfSigned(dir);
        SidecarServer server = SidecarServer.start(new SidecarServer.Options(
                ListenEndpoint.of("0.0.0.0", 0, Optional.of(tls)), TOKEN, Duration.ofSeconds(1)), core());
        String target = "127.0.0.1:" + server.port();
        ManagedChannel secure = WorkerChannels.open(target, Optional.of(TOKEN), Optional.of(tls.certificateChain()));
        ManagedChannel secureNoToken = WorkerChannels.open(target, Optional.empty(), Optional.of(tls.certificateChain()));
        ManagedChannel plain = WorkerChannels.open(target, Optional.of(TOKEN), Optional.empty());
        try {
            assertThat(server.readyLine().tls()).isTrue();
            assertThat(VoiceWorkerGrpc.newBlockingStub(secure).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .getHealth(GetHealthRequest.getDefaultInstance()).getWorkerId()).isEqualTo("server-test");
            assertUnauthenticated(() -> VoiceWorkerGrpc.newBlockingStub(secureNoToken)
                    .getHealth(GetHealthRequest.getDefaultInstance()), "missing bearer token");
            assertThatThrownBy(() -> VoiceWorkerGrpc.newBlockingStub(plain).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .getHealth(GetHealthRequest.getDefaultInstance()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
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
            InetSocketAddress address = new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), taken.getLocalPort());
            String message = "port " + taken.getLocalPort() + " on 127.0.0.1 is already in use; pick another --port, "
                    + "or --port 0 for a free one";
            assertThatThrownBy(() -> SidecarServer.requirePortFree(address))
                    .isInstanceOf(PortInUseException.class).hasMessage(message);
            assertThatThrownBy(() -> SidecarServer.start(new SidecarServer.Options(
                    ListenEndpoint.of("127.0.0.1", taken.getLocalPort(), Optional.empty()), TOKEN, Duration.ofSeconds(1)), core()))
                    .isInstanceOf(PortInUseException.class).hasMessage(message);
        }
    }

    @Test
    void stopDrainsAndIsIdempotent() throws Exception {
        SidecarServer server = SidecarServer.start(new SidecarServer.Options(
                ListenEndpoint.of("127.0.0.1", 0, Optional.empty()), TOKEN, Duration.ofSeconds(1)), core());
        int port = server.port();
        server.stop();
        server.stop();
        server.awaitStopped();
        // The port is free again: a new server can take it.
        SidecarServer.requirePortFree(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
    }

    private static void assertUnauthenticated(Runnable call, String description) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(e.getStatus().getDescription()).startsWith(description);
        });
    }

    private static CompletableFuture<List<String>> reflectionServices(ManagedChannel channel) {
        CompletableFuture<List<String>> result = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel).serverReflectionInfo(
                new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse response) {
                        result.complete(response.getListServicesResponse().getServiceList().stream()
                                .map(s -> s.getName()).toList());
                    }

                    @Override
                    public void onError(Throwable t) {
                        result.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        requests.onCompleted();
        return result;
    }
}
