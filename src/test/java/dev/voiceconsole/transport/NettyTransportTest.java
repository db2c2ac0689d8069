package dev.voiceconsole.transport;

import static dev.voiceconsole.worker.TestAudio.wordChunk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceconsole.client.ClientSettings;
import dev.voiceconsole.client.TranscriptionResult;
import dev.voiceconsole.client.VoiceWorkerClient;
import dev.voiceconsole.proto.v1.HealthResponse;
import dev.voiceconsole.proto.v1.ServingState;
import dev.voiceconsole.proto.v1.SessionConfig;
import dev.voiceconsole.proto.v1.StreamEvent;
import dev.voiceconsole.worker.ScriptedPolicy;
import dev.voiceconsole.worker.TestAudio;
import dev.voiceconsole.worker.WorkerCore;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The same worker and client over a real TCP socket on the loopback interface. */
class NettyTransportTest {

    private static byte[] words(int frameRate, int channels, double secondsPerWord, int... ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int id : ids) {
            out.writeBytes(wordChunk(id, (int) (frameRate * secondsPerWord), channels));
        }
        return out.toByteArray();
    }

    @Test
    void offlineAndPacedLiveTranscriptionOverLoopbackTcp() throws Exception {
        WorkerCore core = new WorkerCore(
                WorkerFixture.settings(), s -> new ScriptedPolicy(null), TestAudio.converters(), TestAudio.ENGINE);
        WorkerServer server = WorkerServer.loopback(0, core).start();
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port())
                .usePlaintext()
                .build();
        try (VoiceWorkerClient client = new VoiceWorkerClient(channel, ClientSettings.defaults())) {
            assertThat(server.port()).isPositive();
            HealthResponse health = client.connect();
            assertThat(health.getState()).isEqualTo(ServingState.SERVING);
            assertThat(health.getMode()).isEqualTo("embedded");

            // Offline: one-second chunks of 48 kHz stereo, one word per second, silence ends the sentence.
            byte[] offline = words(48000, 2, 1.0, 1, 2, 3, 0, 4, 5);
            List<Double> progress = new CopyOnWriteArrayList<>();
            TranscriptionResult result = client.transcribeOffline(
                    offline, 48000, 2, SessionConfig.getDefaultInstance(), (done, total) -> progress.add(done / total));
            assertThat(result.segments()).extracting(s -> s.getText()).containsExactly("w1 w2 w3", "w4 w5");
            assertThat(result.text()).isEqualTo("w1 w2 w3 w4 w5");
            assertThat(result.audioSeconds()).isEqualTo(6.0);
            assertThat(progress).isSorted().last().isEqualTo(1.0);

            // Live: 100-ms chunks at 20x real time.
            byte[] live = words(16000, 1, 0.1, 7, 8, 9);
            List<StreamEvent> events = new CopyOnWriteArrayList<>();
            TranscriptionResult liveResult = client.transcribeLive(
                    live,
                    16000,
                    1,
                    SessionConfig.getDefaultInstance(),
                    100,
                    20.0,
                    new dev.voiceconsole.client.StreamListener() {
                        @Override
                        public void onEvent(StreamEvent event) {
                            events.add(event);
                        }
                    });
            assertThat(liveResult.text()).isEqualTo("w7 w8 w9");
            assertThat(events).filteredOn(StreamEvent::hasPartial).isNotEmpty();
            assertThat(liveResult.roundTrips().count()).isEqualTo(3);
            assertThat(client.health().getActiveSessions()).isZero();

            assertThat(listedServices(channel)).contains("voiceconsole.v1.VoiceWorker", "grpc.health.v1.Health");
        } finally {
            server.shutdown(Duration.ofSeconds(2), Duration.ofSeconds(2));
            channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
        }
    }

    private static List<String> listedServices(ManagedChannel channel) throws Exception {
        CompletableFuture<List<String>> names = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse r) {
                        names.complete(r.getListServicesResponse().getServiceList().stream()
                                .map(s -> s.getName())
                                .toList());
                    }

                    @Override
                    public void onError(Throwable t) {
                        names.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {}
                });
        requests.onNext(
                ServerReflectionRequest.newBuilder().setListServices("*").build());
        List<String> result = names.get(5, TimeUnit.SECONDS);
        requests.onCompleted();
        return result;
    }
}
