package dev.voiceconsole.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.voiceconsole.audio.EpochMicros;
import dev.voiceconsole.audio.Pcm16;
import dev.voiceconsole.client.AudioStream;
import dev.voiceconsole.client.ClientSettings;
import dev.voiceconsole.client.StreamListener;
import dev.voiceconsole.client.VoiceWorkerClient;
import dev.voiceconsole.engine.SpeechEngine;
import dev.voiceconsole.proto.v1.ChunkAck;
import dev.voiceconsole.proto.v1.GetHealthRequest;
import dev.voiceconsole.proto.v1.HealthResponse;
import dev.voiceconsole.proto.v1.SessionConfig;
import dev.voiceconsole.proto.v1.StopSessionRequest;
import dev.voiceconsole.proto.v1.StreamEvent;
import dev.voiceconsole.proto.v1.VoiceWorkerGrpc;
import dev.voiceconsole.sidecar.SidecarServer;
import dev.voiceconsole.sidecar.SidecarToken;
import dev.voiceconsole.sidecar.WorkerChannels;
import dev.voiceconsole.testing.WorkerTest;
import dev.voiceconsole.transport.ListenEndpoint;
import dev.voiceconsole.worker.ResamplingAudioConverter;
import dev.voiceconsole.worker.WorkerCore;
import dev.voiceconsole.worker.WorkerSettings;
import dev.voiceconsole.worker.policy.ToneScript;
import dev.voiceconsole.worker.policy.ToneWordEngine;
import dev.voiceconsole.worker.policy.TranscriptionPolicies;
import dev.voiceconsole.worker.policy.VoiceActivityDetector;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A sidecar server in this JVM on a real Netty port, reporting to a real scrape endpoint: what a client sends and
 * sees must be what the metrics say.
 */
@WorkerTest
class SidecarMetricsTest {

    private static final String WORKER_ID = "metrics-test";
    private static final String TOKEN = SidecarToken.generate();

    private PrometheusWorkerMetrics metrics;
    private SidecarServer server;
    private MetricsServer metricsServer;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        metrics = new PrometheusWorkerMetrics(WORKER_ID)
                .withJvmMetrics()
                .describeWorker("sidecar", "test", "tone-words", "CPU");
        SpeechEngine engine = new ToneWordEngine();
        WorkerCore core = new WorkerCore(
                WorkerSettings.defaults(WORKER_ID, "sidecar", "test"),
                settings -> TranscriptionPolicies.create(settings, engine, VoiceActivityDetector::new),
                ResamplingAudioConverter::new,
                engine.info(),
                metrics);
        metrics.observeAudio(core::bufferedBytes, core::heldAudioBytes);
        metricsServer = MetricsServer.start(MetricsEndpoint.of(MetricsEndpoint.DEFAULT_HOST, 0), metrics.registry());
        server = SidecarServer.start(
                new SidecarServer.Options(
                        ListenEndpoint.of("127.0.0.1", 0, Optional.empty()),
                        TOKEN,
                        Duration.ofSeconds(1),
                        List.of(new FailedCallInterceptor(metrics))),
                core,
                metricsServer);
        channel = WorkerChannels.loopback(server.port(), TOKEN);
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.stop();
    }

    private Scrape scrape() throws Exception {
        return Scrape.of("127.0.0.1", metricsServer.port());
    }

    @Test
    void whatAClientSendsAndSeesIsWhatTheMetricsSay() throws Exception {
        List<StreamEvent> events = new CopyOnWriteArrayList<>();
        float[] speech = new ToneScript()
                .sentence(200, 60, 600, "alpha", "bravo", "charlie")
                .sentence(200, 60, 600, "delta", "echo")
                .samples();
        int goodChunks = 0;
        long goodBytes = 0;
        try (VoiceWorkerClient client = new VoiceWorkerClient(channel, ClientSettings.defaults())) {
            assertThat(client.connect().getWorkerId()).isEqualTo(WORKER_ID);
            String session = client.createSession(
                            SessionConfig.newBuilder().setSampleRateHz(16_000).build())
                    .getSessionId();
            AudioStream stream = client.openStream(session, new StreamListener() {
                @Override
                public void onEvent(StreamEvent event) {
                    events.add(event);
                }
            });
            assertThat(scrape().value("voiceconsole_active_sessions")).isEqualTo(1);
            for (int i = 0; i < speech.length; i += 320) {
                byte[] pcm = Pcm16.fromFloat(Arrays.copyOfRange(speech, i, Math.min(speech.length, i + 320)));
                // At 4x real time, like a fast microphone: a stream pushed all at once may end an utterance before
                // the live policy's first partial step, and partials are part of what is counted here.
                TimeUnit.MILLISECONDS.sleep(5); // pacing, not synchronization
                stream.send(pcm, EpochMicros.now());
                goodChunks++;
                goodBytes += pcm.length;
                if (goodChunks == 10) {
                    stream.send(new byte[] {1, 2, 3}, EpochMicros.now()); // odd byte count: rejected for good
                }
            }
            stream.finish(); // every ack, decode and final has arrived

            Scrape during = scrape();
            long accepted = events.stream()
                    .filter(e -> e.hasAck() && e.getAck().getResult() == ChunkAck.Result.ACCEPTED)
                    .count();
            assertThat(accepted).isEqualTo(goodChunks);
            assertThat(during.value("voiceconsole_chunks_received_total", "result", "accepted"))
                    .isEqualTo(goodChunks);
            assertThat(during.value("voiceconsole_chunks_received_total", "result", "rejected"))
                    .isEqualTo(1);
            assertThat(during.value("voiceconsole_chunks_received_total", "result", "duplicate"))
                    .isZero();
            assertThat(during.value("voiceconsole_audio_received_bytes_total")).isEqualTo((double) goodBytes);
            assertThat(during.value("voiceconsole_errors_total", "code", "INVALID_ARGUMENT", "source", "event"))
                    .isEqualTo(1);

            List<StreamEvent> decodes =
                    events.stream().filter(StreamEvent::hasDecode).toList();
            assertThat(decodes).isNotEmpty();
            assertThat(during.value("voiceconsole_inference_seconds_count")).isEqualTo(decodes.size());
            assertThat(during.value("voiceconsole_inference_seconds_sum"))
                    .isCloseTo(
                            decodes.stream()
                                    .mapToDouble(e -> e.getDecode().getDecodeMs() / 1000)
                                    .sum(),
                            within(1e-9));
            assertThat(during.value("voiceconsole_queue_wait_seconds_count")).isEqualTo(decodes.size());
            assertThat(during.value("voiceconsole_queue_wait_seconds_sum"))
                    .isCloseTo(
                            decodes.stream()
                                    .mapToDouble(e -> e.getTimings().getQueueWaitMs() / 1000)
                                    .sum(),
                            within(1e-9));

            List<StreamEvent> finals =
                    events.stream().filter(StreamEvent::hasFinal).toList();
            assertThat(finals)
                    .extracting(e -> e.getFinal().getText())
                    .containsExactly("alpha bravo charlie", "delta echo");
            assertThat(during.value("voiceconsole_end_to_end_latency_seconds_count", "event", "final"))
                    .isEqualTo(2);
            assertThat(during.value("voiceconsole_end_to_end_latency_seconds_sum", "event", "final"))
                    .isCloseTo(
                            finals.stream()
                                    .mapToDouble(SidecarMetricsTest::latencySeconds)
                                    .sum(),
                            within(1e-9));
            long partials = events.stream().filter(StreamEvent::hasPartial).count();
            assertThat(partials).isPositive();
            assertThat(during.value("voiceconsole_end_to_end_latency_seconds_count", "event", "partial"))
                    .isEqualTo((double) partials);
            // Bucket counts are cumulative and end in the total.
            assertThat(during.value("voiceconsole_end_to_end_latency_seconds_bucket", "event", "final", "le", "+Inf"))
                    .isEqualTo(2);

            // The finished session waits for StopSession: nothing left to feed; its policy's buffer still there.
            HealthResponse health = VoiceWorkerGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(5, TimeUnit.SECONDS)
                    .getHealth(GetHealthRequest.getDefaultInstance());
            assertThat(during.value("voiceconsole_pending_audio_bytes")).isZero();
            assertThat(health.getBufferedBytes()).isZero();
            assertThat(during.value("voiceconsole_held_audio_bytes"))
                    .isPositive()
                    .isEqualTo((double) health.getHeldAudioBytes());

            stream.stop();
        }
        Scrape after = scrape();
        assertThat(after.value("voiceconsole_held_audio_bytes")).isZero();
        assertThat(after.value("voiceconsole_sessions_created_total")).isEqualTo(1);
        assertThat(after.value("voiceconsole_sessions_stopped_total", "reason", "stop_session"))
                .isEqualTo(1);
        assertThat(after.value("voiceconsole_active_sessions")).isZero();
    }

    @Test
    void aCancelledStreamEndsItsSessionOnceWithItsReason() throws Exception {
        try (VoiceWorkerClient client = new VoiceWorkerClient(channel, ClientSettings.defaults())) {
            String session = client.createSession(
                            SessionConfig.newBuilder().setSampleRateHz(16_000).build())
                    .getSessionId();
            AudioStream stream = client.openStream(session, event -> {});
            stream.send(new byte[640], EpochMicros.now());
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> scrape().value("voiceconsole_chunks_received_total", "result", "accepted") == 1);
            stream.cancel();
            await().atMost(Duration.ofSeconds(10)).until(() -> scrape().value("voiceconsole_active_sessions") == 0);
            // StopSession after the cancel finds nothing left to release: still one end, the first one.
            client.stopSession(session, 0);
        }
        Scrape scrape = scrape();
        assertThat(scrape.value("voiceconsole_sessions_stopped_total", "reason", "stream_cancelled"))
                .isEqualTo(1);
        assertThat(scrape.find("voiceconsole_sessions_stopped_total")).hasSize(1);
        assertThat(scrape.value("voiceconsole_sessions_created_total")).isEqualTo(1);
    }

    @Test
    void failedCallsCountByStatusCodeTokenRefusalsIncluded() throws Exception {
        ManagedChannel wrongToken = WorkerChannels.loopback(server.port(), "not-the-token");
        try {
            assertThatThrownBy(() -> VoiceWorkerGrpc.newBlockingStub(wrongToken)
                            .withDeadlineAfter(5, TimeUnit.SECONDS)
                            .getHealth(GetHealthRequest.getDefaultInstance()))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        } finally {
            wrongToken.shutdownNow();
        }
        VoiceWorkerGrpc.VoiceWorkerBlockingStub stub =
                VoiceWorkerGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> stub.stopSession(StopSessionRequest.newBuilder()
                            .setSessionId("nobody")
                            .build()))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        }
        stub.getHealth(GetHealthRequest.getDefaultInstance()); // OK calls are not errors

        Scrape scrape = scrape();
        assertThat(scrape.value("voiceconsole_errors_total", "code", "UNAUTHENTICATED", "source", "call"))
                .isEqualTo(1);
        assertThat(scrape.value("voiceconsole_errors_total", "code", "NOT_FOUND", "source", "call"))
                .isEqualTo(2);
        assertThat(scrape.find("voiceconsole_errors_total")).hasSize(2);
    }

    @Test
    void everySeriesCarriesTheWorkerIdAndTheProcessMemoryIsThere() throws Exception {
        Scrape scrape = scrape();
        assertThat(scrape.samples())
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.labels()).as(s.name()).containsEntry("worker_id", WORKER_ID));
        String health = VoiceWorkerGrpc.newBlockingStub(channel)
                .getHealth(GetHealthRequest.getDefaultInstance())
                .getWorkerId();
        assertThat(health).isEqualTo(WORKER_ID);
        // Linux: read from /proc by the JVM instrumentation, the same figure health reports.
        assertThat(scrape.value("process_resident_memory_bytes")).isGreaterThan(1e6);
        assertThat(scrape.value("jvm_memory_used_bytes", "area", "heap")).isPositive();
        assertThat(scrape.value("voiceconsole_worker_info", "mode", "sidecar", "backend", "CPU", "model", "tone-words"))
                .isEqualTo(1);
        assertThat(scrape.value("voiceconsole_active_sessions")).isZero();
        assertThat(scrape.text())
                .contains(
                        "# TYPE voiceconsole_inference_seconds histogram",
                        "# TYPE voiceconsole_chunks_received_total counter",
                        "# TYPE voiceconsole_active_sessions gauge");
    }

    @Test
    void theEndpointListensOnLoopbackOnlyByDefault() throws Exception {
        assertThat(metricsServer.address().getAddress().isLoopbackAddress()).isTrue();
        Optional<InetAddress> external = NonLoopback.anyAddress();
        org.junit.jupiter.api.Assumptions.assumeTrue(external.isPresent(), "this host has no non-loopback address");
        String host = external.get().getHostAddress();
        assertThatThrownBy(() -> Scrape.of(host, metricsServer.port())).isInstanceOf(ConnectException.class);
        // Named on purpose, another address is served.
        try (MetricsServer open = MetricsServer.start(MetricsEndpoint.of(host, 0), metrics.registry())) {
            assertThat(open.address().getAddress().isLoopbackAddress()).isFalse();
            assertThat(Scrape.of(host, open.port()).value("voiceconsole_active_sessions"))
                    .isZero();
            assertThatThrownBy(() -> Scrape.of("127.0.0.1", open.port())).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void aBusyMetricsPortIsReportedBeforeAndAtBind() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            MetricsEndpoint endpoint = MetricsEndpoint.of("127.0.0.1", taken.getLocalPort());
            String message = "metrics port " + taken.getLocalPort() + " on 127.0.0.1 is already in use; pick another "
                    + "--metrics-port, or --metrics-port 0 for a free one";
            assertThatThrownBy(() -> MetricsServer.requirePortFree(endpoint))
                    .isInstanceOf(MetricsPortInUseException.class)
                    .hasMessage(message);
            assertThatThrownBy(() -> MetricsServer.start(endpoint, metrics.registry()))
                    .isInstanceOf(MetricsPortInUseException.class)
                    .hasMessage(message);
        }
    }

    private static double latencySeconds(StreamEvent e) {
        return (e.getTimings().getEmittedTimeUs() - e.getCaptureTimeUs()) / 1e6;
    }
}
