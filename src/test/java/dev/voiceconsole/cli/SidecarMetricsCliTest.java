package dev.voiceconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voiceconsole.client.AudioStream;
import dev.voiceconsole.client.ClientSettings;
import dev.voiceconsole.client.StreamListener;
import dev.voiceconsole.client.VoiceWorkerClient;
import dev.voiceconsole.engine.WeightlessModelWriter;
import dev.voiceconsole.metrics.Scrape;
import dev.voiceconsole.proto.v1.SessionConfig;
import dev.voiceconsole.proto.v1.StreamEvent;
import dev.voiceconsole.sidecar.ReadyLine;
import dev.voiceconsole.sidecar.SidecarCommandLine;
import dev.voiceconsole.sidecar.SidecarToken;
import dev.voiceconsole.sidecar.WorkerChannels;
import dev.voiceconsole.testing.ChildProcessTest;
import io.grpc.ManagedChannel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sidecar --metrics-port}: the real command in a child process, scraped the way Prometheus does. */
@ChildProcessTest
class SidecarMetricsCliTest {

    private static final String TOKEN = SidecarToken.generate();
    /** Child JVMs that start fast and stay small. */
    private static final List<String> FAST_JVM =
            List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-Xmx256m", "-XX:-UsePerfData");

    @TempDir
    static Path dir;

    static Path model;
    static Path tokenFile;

    private Process sidecar;

    @BeforeAll
    static void fixtures() throws Exception {
        model = WeightlessModelWriter.writeTinyEn(dir.resolve("tiny.en.bin"));
        tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
    }

    @AfterEach
    void noSidecarLeftBehind() throws Exception {
        if (sidecar != null && sidecar.isAlive()) {
            sidecar.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRealSidecarServesItsMetricsAndSaysWhereInTheReadyLine() throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "sidecar",
                "--model",
                model.toString(),
                "--threads",
                "1",
                "--metrics-port",
                "0",
                "--drain-ms",
                "2000",
                "--exit-with-parent"));
        ProcessBuilder builder = new ProcessBuilder(SidecarCommandLine.ofRunningApp()
                        .withJvmOptions(FAST_JVM)
                        .command(args))
                .redirectError(dir.resolve("sidecar.err").toFile());
        builder.environment().put(SidecarToken.ENV_VAR, TOKEN);
        sidecar = builder.start();
        ReadyLine ready = readyLine(sidecar);
        assertThat(ready.metricsPort()).isPositive().isNotEqualTo(ready.port());
        String json = ReadyLine.parse(ready.toJson()).orElseThrow().toJson();
        assertThat(new ObjectMapper().readTree(json).get("metrics_port").asInt())
                .isEqualTo(ready.metricsPort());

        CliTest.Run health =
                CliTest.run("health", "--target", "127.0.0.1:" + ready.port(), "--token-file", tokenFile.toString());
        assertThat(health.exitCode()).as(health.err()).isZero();
        String workerId =
                new ObjectMapper().readTree(health.out()).get("worker_id").asText();
        assertThat(workerId).isEqualTo(ready.workerId()).startsWith("sidecar-");

        List<StreamEvent> events = new CopyOnWriteArrayList<>();
        ManagedChannel channel = WorkerChannels.loopback(ready.port(), TOKEN);
        try (VoiceWorkerClient client = new VoiceWorkerClient(channel, ClientSettings.defaults())) {
            String session = client.createSession(
                            SessionConfig.newBuilder().setSampleRateHz(16_000).build())
                    .getSessionId();
            AudioStream stream = client.openStream(session, new StreamListener() {
                @Override
                public void onEvent(StreamEvent event) {
                    events.add(event);
                }
            });
            for (int i = 0; i < 5; i++) {
                stream.send(new byte[640], 0); // 20 ms of silence
            }
            stream.send(new byte[641], 0); // odd byte count
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> events.stream().filter(StreamEvent::hasAck).count() == 6);

            Scrape scrape = Scrape.of("127.0.0.1", ready.metricsPort());
            assertThat(scrape.samples())
                    .allSatisfy(s -> assertThat(s.labels()).as(s.name()).containsEntry("worker_id", workerId));
            assertThat(scrape.value("voiceconsole_chunks_received_total", "result", "accepted"))
                    .isEqualTo(5);
            assertThat(scrape.value("voiceconsole_chunks_received_total", "result", "rejected"))
                    .isEqualTo(1);
            assertThat(scrape.value("voiceconsole_audio_received_bytes_total")).isEqualTo(5 * 640);
            assertThat(scrape.value("voiceconsole_errors_total", "code", "INVALID_ARGUMENT", "source", "event"))
                    .isEqualTo(1);
            assertThat(scrape.value("voiceconsole_active_sessions")).isEqualTo(1);
            assertThat(scrape.value("voiceconsole_worker_info", "mode", "sidecar", "backend", "CPU"))
                    .isEqualTo(1);
            assertThat(scrape.value("process_resident_memory_bytes")).isGreaterThan(1e6);
        } finally {
            channel.shutdownNow();
        }

        sidecar.destroy(); // SIGTERM: drain, then exit 0
        assertThat(sidecar.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(sidecar.exitValue())
                .as(Files.readString(dir.resolve("sidecar.err")))
                .isZero();
        assertThatThrownBy(() -> Scrape.of("127.0.0.1", ready.metricsPort())).isInstanceOf(ConnectException.class);
    }

    @Test
    void aMetricsHostWithoutAMetricsPortIsBadInput() {
        CliTest.Run run = CliTest.run(
                "sidecar",
                "--model",
                model.toString(),
                "--token-file",
                tokenFile.toString(),
                "--metrics-host",
                "0.0.0.0");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err().strip()).isEqualTo("voice-console: --metrics-host needs --metrics-port");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aMetricsPortOutOfRangeIsBadInput() {
        CliTest.Run run = CliTest.run(
                "sidecar",
                "--model",
                model.toString(),
                "--token-file",
                tokenFile.toString(),
                "--metrics-port",
                "70000");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err().strip())
                .isEqualTo("voice-console: metrics port must be 0..65535 (0 = pick a free one), was 70000");
    }

    @Test
    void aBusyMetricsPortFailsAtOnceWithThePortInUseExitCode() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            long before = System.nanoTime();
            CliTest.Run run = CliTest.run(
                    "sidecar",
                    "--model",
                    model.toString(),
                    "--token-file",
                    tokenFile.toString(),
                    "--metrics-port",
                    String.valueOf(taken.getLocalPort()));
            assertThat(run.exitCode()).isEqualTo(ExitCodes.PORT_IN_USE);
            assertThat(run.err().strip())
                    .isEqualTo(
                            "voice-console: metrics port " + taken.getLocalPort()
                                    + " on 127.0.0.1 is already in use; pick another --metrics-port, or --metrics-port 0 for a free one");
            assertThat((System.nanoTime() - before) / 1_000_000).isLessThan(2_000); // no model load first
            assertThat(run.out()).isEmpty();
        }
    }

    private static ReadyLine readyLine(Process process) throws Exception {
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<ReadyLine> ready = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    Optional<ReadyLine> parsed = ReadyLine.parse(line);
                    if (parsed.isPresent()) {
                        return parsed.get();
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            throw new IllegalStateException("sidecar exited without a ready line");
        });
        return ready.get(60, TimeUnit.SECONDS);
    }
}
