package dev.voiceconsole.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceconsole.contract.ProtocolVersion;
import dev.voiceconsole.proto.v1.CreateSessionRequest;
import dev.voiceconsole.proto.v1.CreateSessionResponse;
import dev.voiceconsole.proto.v1.GetHealthRequest;
import dev.voiceconsole.proto.v1.HealthResponse;
import dev.voiceconsole.proto.v1.SessionConfig;
import dev.voiceconsole.proto.v1.VoiceWorkerGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The CLIENT is under test: a minimal fake worker answers with a chosen protocol version. */
class ProtocolCheckTest {

    private static final class FakeWorker extends VoiceWorkerGrpc.VoiceWorkerImplBase {
        private final int version;

        FakeWorker(int version) {
            this.version = version;
        }

        @Override
        public void getHealth(GetHealthRequest request, StreamObserver<HealthResponse> responses) {
            responses.onNext(HealthResponse.newBuilder()
                    .setWorkerId("fake")
                    .setProtocolVersion(version)
                    .build());
            responses.onCompleted();
        }

        @Override
        public void createSession(CreateSessionRequest request, StreamObserver<CreateSessionResponse> responses) {
            responses.onNext(CreateSessionResponse.newBuilder()
                    .setSessionId("s")
                    .setProtocolVersion(version)
                    .build());
            responses.onCompleted();
        }
    }

    private interface ClientTest {
        void run(VoiceWorkerClient client) throws Exception;
    }

    private static void withFake(VoiceWorkerGrpc.VoiceWorkerImplBase service, ClientSettings settings, ClientTest test)
            throws Exception {
        String name = InProcessServerBuilder.generateName();
        Server server =
                InProcessServerBuilder.forName(name).addService(service).build().start();
        ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
        try (VoiceWorkerClient client = new VoiceWorkerClient(channel, settings)) {
            test.run(client);
        } finally {
            channel.shutdownNow();
            server.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
        }
    }

    @Test
    void incompatibleWorkerIsRefusedNamingBothVersions() throws Exception {
        withFake(new FakeWorker(99), ClientSettings.defaults(), client -> {
            assertThatThrownBy(client::connect)
                    .isInstanceOf(IncompatibleWorkerException.class)
                    .hasMessageContaining("protocol version 99")
                    .hasMessageContaining("protocol version " + ProtocolVersion.CURRENT);
            assertThatThrownBy(() -> client.createSession(SessionConfig.getDefaultInstance()))
                    .isInstanceOf(IncompatibleWorkerException.class);
        });
    }

    @Test
    void compatibleWorkerConnects() throws Exception {
        withFake(
                new FakeWorker(ProtocolVersion.CURRENT),
                ClientSettings.defaults(),
                client -> assertThat(client.connect().getWorkerId()).isEqualTo("fake"));
    }

    @Test
    void unaryCallsCarryDeadlines() throws Exception {
        VoiceWorkerGrpc.VoiceWorkerImplBase silent = new VoiceWorkerGrpc.VoiceWorkerImplBase() {
            @Override
            public void getHealth(GetHealthRequest request, StreamObserver<HealthResponse> responses) {
                // never answers
            }
        };
        ClientSettings quick = new ClientSettings(
                Duration.ofMillis(200),
                Duration.ofMillis(200),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                1024,
                Duration.ofMillis(10),
                Duration.ofMillis(100));
        withFake(
                silent,
                quick,
                client -> assertThatThrownBy(client::health)
                        .isInstanceOfSatisfying(
                                StatusRuntimeException.class,
                                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED)));
    }
}
