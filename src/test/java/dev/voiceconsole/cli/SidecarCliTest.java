package dev.voiceconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voiceconsole.audio.TestSignals;
import dev.voiceconsole.audio.WavWriter;
import dev.voiceconsole.client.ClientSettings;
import dev.voiceconsole.client.VoiceWorkerClient;
import dev.voiceconsole.engine.SpeechEngine;
import dev.voiceconsole.engine.WeightlessModelWriter;
import dev.voiceconsole.proto.v1.SessionConfig;
import dev.voiceconsole.sidecar.SidecarServer;
import dev.voiceconsole.sidecar.SidecarToken;
import dev.voiceconsole.sidecar.WorkerChannels;
import dev.voiceconsole.testing.ChildProcessTest;
import dev.voiceconsole.transport.ListenEndpoint;
import dev.voiceconsole.worker.ResamplingAudioConverter;
import dev.voiceconsole.worker.WorkerCore;
import dev.voiceconsole.worker.WorkerSettings;
import dev.voiceconsole.worker.policy.ToneWordEngine;
import dev.voiceconsole.worker.policy.TranscriptionPolicies;
import dev.voiceconsole.worker.policy.VoiceActivityDetector;
import io.grpc.ManagedChannel;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sidecar}, {@code health} and {@code transcribe --mode} as users run them, exit codes included. */
@ChildProcessTest
class SidecarCliTest {

    private static final String TOKEN = SidecarToken.generate();

    @TempDir
    static Path dir;

    static Path model;
    static Path tokenFile;
    static Path wrongTokenFile;

    private SidecarServer server;
    private WorkerCore core;

    @BeforeAll
    static void fixtures() throws Exception {
        model = WeightlessModelWriter.writeTinyEn(dir.resolve("tiny.en.bin"));
        tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        wrongTokenFile = Files.writeString(dir.resolve("wrong-token"), "not-the-token");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private int startServer(int maxSessions) throws Exception {
        SpeechEngine engine = new ToneWordEngine();
        WorkerSettings d = WorkerSettings.defaults("cli-test", "sidecar", "test");
        core = new WorkerCore(
                d.withMaxSessions(maxSessions),
                settings -> TranscriptionPolicies.create(settings, engine, VoiceActivityDetector::new),
                ResamplingAudioConverter::new,
                engine.info());
        server = SidecarServer.start(
                new SidecarServer.Options(
                        ListenEndpoint.of("127.0.0.1", 0, Optional.empty()), TOKEN, Duration.ofSeconds(1)),
                core);
        return server.port();
    }

    private static JsonNode json(CliTest.Run run) throws Exception {
        return new ObjectMapper().readTree(run.out());
    }

    // ---- health

    @Test
    void healthOfAServingWorkerExitsZero() throws Exception {
        int port = startServer(2);
        CliTest.Run run = CliTest.run("health", "--target", "127.0.0.1:" + port, "--token-file", tokenFile.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        JsonNode health = json(run);
        assertThat(health.get("state").asText()).isEqualTo("SERVING");
        assertThat(health.get("worker_id").asText()).isEqualTo("cli-test");
        assertThat(health.get("mode").asText()).isEqualTo("sidecar");
        assertThat(health.get("active_sessions").asInt()).isZero();
        assertThat(health.get("target").asText()).isEqualTo("127.0.0.1:" + port);
    }

    @Test
    void healthOfAWorkerAtCapacityExitsThree() throws Exception {
        int port = startServer(1);
        ManagedChannel channel = WorkerChannels.loopback(port, TOKEN);
        try (VoiceWorkerClient client = new VoiceWorkerClient(channel, ClientSettings.defaults())) {
            client.createSession(
                    SessionConfig.newBuilder().setSampleRateHz(16_000).build());
            CliTest.Run run =
                    CliTest.run("health", "--target", "127.0.0.1:" + port, "--token-file", tokenFile.toString());
            assertThat(run.exitCode())
                    .as(run.err())
                    .isEqualTo(ExitCodes.DEGRADED)
                    .isEqualTo(3);
            assertThat(json(run).get("state").asText()).isEqualTo("DEGRADED");
            assertThat(json(run).get("active_sessions").asInt()).isEqualTo(1);
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void healthOfADrainingWorkerExitsFour() throws Exception {
        int port = startServer(2);
        core.drain(Duration.ofMillis(100));
        CliTest.Run run = CliTest.run("health", "--target", "127.0.0.1:" + port, "--token-file", tokenFile.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_SERVING).isEqualTo(4);
        assertThat(json(run).get("state").asText()).isEqualTo("NOT_SERVING");
    }

    @Test
    void healthOfNothingListeningExitsFour() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CliTest.Run run = CliTest.run(
                "health",
                "--target",
                "127.0.0.1:" + port,
                "--token-file",
                tokenFile.toString(),
                "--timeout-ms",
                "2000");
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(json(run).get("state").asText()).isEqualTo("UNREACHABLE");
    }

    @Test
    void healthWithTheWrongTokenExitsFourAndSaysSo() throws Exception {
        int port = startServer(2);
        CliTest.Run run =
                CliTest.run("health", "--target", "127.0.0.1:" + port, "--token-file", wrongTokenFile.toString());
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(json(run).get("state").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(json(run).get("error").asText()).isEqualTo("wrong bearer token");
    }

    @Test
    void healthNeedsHostAndPort() {
        CliTest.Run run = CliTest.run("health", "--target", "localhost");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("voice-console: --target must be HOST:PORT, was 'localhost'");
    }

    // ---- sidecar: refusals happen before the model is loaded

    @Test
    void sidecarRefusesANonLoopbackAddressWithoutTls() {
        CliTest.Run run = CliTest.run(
                "sidecar", "--model", model.toString(), "--host", "0.0.0.0", "--token-file", tokenFile.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip())
                .isEqualTo(
                        "voice-console: refusing to listen on 0.0.0.0 without TLS: a non-loopback "
                                + "address exposes the worker to the network; pass --tls-cert and --tls-key, or listen on 127.0.0.1");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void sidecarOnABusyPortFailsAtOnceWithItsOwnExitCode() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            long before = System.nanoTime();
            CliTest.Run run = CliTest.run(
                    "sidecar",
                    "--model",
                    model.toString(),
                    "--port",
                    String.valueOf(taken.getLocalPort()),
                    "--token-file",
                    tokenFile.toString());
            assertThat(run.exitCode()).isEqualTo(ExitCodes.PORT_IN_USE).isEqualTo(5);
            assertThat(run.err().strip())
                    .isEqualTo("voice-console: port " + taken.getLocalPort()
                            + " on 127.0.0.1 is already in use; pick another --port, or --port 0 for a free one");
            assertThat((System.nanoTime() - before) / 1_000_000).isLessThan(2_000); // no model load first
        }
    }

    @Test
    void sidecarWithoutATokenRefusesToStart() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty-token"), "  \n");
        CliTest.Run run = CliTest.run("sidecar", "--model", model.toString(), "--token-file", empty.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .startsWith("voice-console: no bearer token: set VOICE_CONSOLE_TOKEN or pass --token-file");
    }

    @Test
    void sidecarNeedsBothTlsFiles() {
        CliTest.Run run = CliTest.run(
                "sidecar",
                "--model",
                model.toString(),
                "--token-file",
                tokenFile.toString(),
                "--tls-cert",
                dir.resolve("cert.pem").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("voice-console: --tls-cert and --tls-key go together");
    }

    // ---- transcribe --mode

    @Test
    void transcribeStreamsThroughARealSidecarProcess() throws Exception {
        Path speech = dir.resolve("speech.wav");
        WavWriter.write(speech, 16_000, TestSignals.speechLike(3, 16_000, 42));
        CliTest.Run run = CliTest.run(
                "transcribe",
                speech.toString(),
                "--model",
                model.toString(),
                "--stream",
                "--pace",
                "0",
                "--no-acks",
                "--threads",
                "1",
                "--mode",
                "sidecar",
                "--no-fallback");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> lines = run.jsonLines();
        JsonNode summary = lines.get(lines.size() - 1);
        assertThat(summary.get("type").asText()).isEqualTo("summary");
        assertThat(summary.get("worker_mode").asText()).isEqualTo("sidecar");
        assertThat(summary.get("chunk_round_trip_ms").get("count").asInt()).isEqualTo(150);
        assertThat(lines).anyMatch(l -> l.get("type").asText().equals("decode"));
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive))
                .isEmpty();
    }

    @Test
    void transcribeSaysEmbeddedByDefault() throws Exception {
        Path speech = dir.resolve("short.wav");
        WavWriter.write(speech, 16_000, TestSignals.speechLike(1, 16_000, 7));
        CliTest.Run run = CliTest.run(
                "transcribe",
                speech.toString(),
                "--model",
                model.toString(),
                "--stream",
                "--pace",
                "0",
                "--no-acks",
                "--threads",
                "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> lines = run.jsonLines();
        assertThat(lines.get(lines.size() - 1).get("worker_mode").asText()).isEqualTo("embedded");
    }

    @Test
    void aBadModelIsBadInputBeforeAnySidecarIsStarted() throws Exception {
        Path speech = dir.resolve("tiny2.wav");
        WavWriter.write(speech, 16_000, TestSignals.speechLike(1, 16_000, 7));
        Path corrupt = Files.write(dir.resolve("corrupt.bin"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        CliTest.Run run =
                CliTest.run("transcribe", speech.toString(), "--model", corrupt.toString(), "--mode", "sidecar");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("voice-console: corrupt.bin is not a whisper.cpp ggml model");
        assertThat(run.err()).doesNotContain("sidecar");
    }

    @Test
    void anUnknownModeIsBadInput() throws Exception {
        Path speech = dir.resolve("tiny.wav");
        WavWriter.write(speech, 16_000, TestSignals.speechLike(1, 16_000, 7));
        CliTest.Run run = CliTest.run("transcribe", speech.toString(), "--model", model.toString(), "--mode", "cloud");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip())
                .isEqualTo("voice-console: --mode: unknown mode 'cloud' (use embedded, sidecar or remote)");
    }

    // ---- transcribe --mode remote

    @Test
    void transcribeRemoteSkipsAnUnreachableTargetAndUsesTheWorkingOne() throws Exception {
        int port = startServer(2);
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Path speech = dir.resolve("remote.wav");
        WavWriter.write(speech, 16_000, TestSignals.speechLike(1, 16_000, 7));
        CliTest.Run run = CliTest.run(
                "transcribe",
                speech.toString(),
                "--stream",
                "--pace",
                "0",
                "--no-acks",
                "--mode",
                "remote",
                "--target",
                "127.0.0.1:" + closed + ",127.0.0.1:" + port,
                "--token-file",
                tokenFile.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> lines = run.jsonLines();
        JsonNode summary = lines.get(lines.size() - 1);
        assertThat(summary.get("type").asText()).isEqualTo("summary");
        assertThat(summary.get("worker_mode").asText()).isEqualTo("remote");
        assertThat(core.health().activeSessions()).isZero(); // the session was stopped on the worker it was created on
    }

    @Test
    void transcribeRemoteWithNoUsableTargetSaysWhichAndWhy() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Path speech = dir.resolve("remote2.wav");
        WavWriter.write(speech, 16_000, TestSignals.speechLike(1, 16_000, 7));
        CliTest.Run run = CliTest.run(
                "transcribe",
                speech.toString(),
                "--mode",
                "remote",
                "--target",
                "127.0.0.1:" + closed,
                "--token-file",
                tokenFile.toString());
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("no worker can take a session", "127.0.0.1:" + closed, "UNAVAILABLE");
    }

    @Test
    void transcribeRemoteNeedsATargetAndTakesNoModel() throws Exception {
        Path speech = dir.resolve("remote3.wav");
        WavWriter.write(speech, 16_000, TestSignals.speechLike(1, 16_000, 7));
        CliTest.Run noTarget = CliTest.run("transcribe", speech.toString(), "--mode", "remote");
        assertThat(noTarget.exitCode()).isEqualTo(2);
        assertThat(noTarget.err().strip())
                .isEqualTo("voice-console: --mode remote needs --target HOST:PORT[,HOST:PORT...]");
        CliTest.Run withModel = CliTest.run(
                "transcribe",
                speech.toString(),
                "--mode",
                "remote",
                "--target",
                "127.0.0.1:1",
                "--model",
                model.toString());
        assertThat(withModel.exitCode()).isEqualTo(2);
        assertThat(withModel.err()).contains("--model does not apply to --mode remote");
        CliTest.Run targetWithoutRemote =
                CliTest.run("transcribe", speech.toString(), "--model", model.toString(), "--target", "127.0.0.1:1");
        assertThat(targetWithoutRemote.exitCode()).isEqualTo(2);
        assertThat(targetWithoutRemote.err()).contains("need --mode remote");
    }
}
