package dev.voiceconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.voiceconsole.audio.TestSignals;
import dev.voiceconsole.audio.WavWriter;
import dev.voiceconsole.client.ClientSettings;
import dev.voiceconsole.client.IncompatibleWorkerException;
import dev.voiceconsole.client.RecoveryFailedException;
import dev.voiceconsole.client.VoiceWorkerClient;
import dev.voiceconsole.engine.ModelMemory;
import dev.voiceconsole.engine.SpeechEngine;
import dev.voiceconsole.engine.WeightlessModelWriter;
import dev.voiceconsole.engine.WhisperHparams;
import dev.voiceconsole.proto.v1.SessionConfig;
import dev.voiceconsole.sidecar.SidecarServer;
import dev.voiceconsole.sidecar.SidecarToken;
import dev.voiceconsole.sidecar.TestCertificates;
import dev.voiceconsole.sidecar.WorkerChannels;
import dev.voiceconsole.testing.WorkerTest;
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
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Operational failures (a missing token file, bad TLS files, a full or lost or incompatible worker, a model too big
 * for the machine) are one line on stderr and exit 2, never "internal error" with a trace.
 */
@WorkerTest
class OperationalFailureCliTest {

    private static final String TOKEN = SidecarToken.generate();

    @TempDir
    static Path dir;

    static Path model;
    static Path tokenFile;
    static TlsFiles goodTls;
    static Path garbage;

    private SidecarServer server;

    @BeforeAll
    static void fixtures() throws Exception {
        model = WeightlessModelWriter.writeTinyEn(dir.resolve("tiny.en.bin"));
        tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        Files.createDirectories(dir.resolve("tls"));
        goodTls = TestCertificates.selfSigned(dir.resolve("tls"));
        garbage = Files.writeString(dir.resolve("garbage.pem"), "this is not PEM at all\n".repeat(20));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** Exit 2 and exactly one line, starting as given, with no trace and no "internal error". */
    private static void assertOneLine(CliTest.Run run, String start) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err().strip())
                .startsWith(start)
                .doesNotContain("\n")
                .doesNotContain("internal error")
                .doesNotContain("\tat ");
    }

    @Test
    void sidecarWithAMissingTokenFile() {
        CliTest.Run run = CliTest.run("sidecar", "--model", model.toString(), "--token-file", "/nonexistent");
        assertOneLine(run, "voice-console: --token-file /nonexistent: no such file");
    }

    @Test
    void healthAndTranscribeWithAMissingTokenFile() throws Exception {
        assertOneLine(
                CliTest.run("health", "--target", "127.0.0.1:1", "--token-file", "/nonexistent"),
                "voice-console: --token-file /nonexistent: no such file");
        Path speech = speech("token.wav");
        assertOneLine(
                CliTest.run(
                        "transcribe",
                        speech.toString(),
                        "--mode",
                        "remote",
                        "--target",
                        "127.0.0.1:1",
                        "--token-file",
                        "/nonexistent"),
                "voice-console: --token-file /nonexistent: no such file");
    }

    @Test
    void sidecarWithGarbageOrUnreadableTlsFiles() {
        String cert = goodTls.certificateChain().toString();
        String key = goodTls.privateKey().toString();
        assertOneLine(sidecarWithTls(garbage.toString(), key), "voice-console: --tls-cert " + garbage + ": ");
        assertOneLine(
                sidecarWithTls(cert, garbage.toString()),
                "voice-console: --tls-key " + garbage + ": not an unencrypted PKCS#8 PEM private key");
        assertOneLine(
                sidecarWithTls(cert, cert),
                "voice-console: --tls-key " + cert + ": not an unencrypted PKCS#8 PEM private key");
        Path folder = dir.resolve("tls"); // readable as a path, not as a file
        assertOneLine(
                sidecarWithTls(folder.toString(), key), "voice-console: --tls-cert " + folder + ": cannot be read");
        assertOneLine(sidecarWithTls("/nonexistent.pem", key), "voice-console: ");
    }

    private static CliTest.Run sidecarWithTls(String cert, String key) {
        return CliTest.run(
                "sidecar",
                "--model",
                model.toString(),
                "--token-file",
                tokenFile.toString(),
                "--tls-cert",
                cert,
                "--tls-key",
                key);
    }

    @Test
    void healthWithAGarbageCertificateAuthority() {
        assertOneLine(
                CliTest.run(
                        "health",
                        "--target",
                        "127.0.0.1:1",
                        "--token-file",
                        tokenFile.toString(),
                        "--tls-ca",
                        garbage.toString()),
                "voice-console: --tls-ca " + garbage + ": ");
    }

    @Test
    void transcribeRemoteAgainstAFullWorkerNamesEveryTargetAndWhy() throws Exception {
        int port = startServer(1);
        int dead;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = s.getLocalPort();
        }
        ManagedChannel channel = WorkerChannels.loopback(port, TOKEN);
        try (VoiceWorkerClient client = new VoiceWorkerClient(channel, ClientSettings.defaults())) {
            client.createSession(
                    SessionConfig.newBuilder().setSampleRateHz(16_000).build()); // the one slot
            for (String mode : new String[] {"batch", "--stream"}) {
                CliTest.Run run = mode.equals("batch")
                        ? CliTest.run(
                                "transcribe",
                                speech("full.wav").toString(),
                                "--mode",
                                "remote",
                                "--target",
                                "127.0.0.1:" + dead + ",127.0.0.1:" + port,
                                "--token-file",
                                tokenFile.toString())
                        : CliTest.run(
                                "transcribe",
                                speech("full.wav").toString(),
                                "--mode",
                                "remote",
                                "--stream",
                                "--pace",
                                "0",
                                "--target",
                                "127.0.0.1:" + dead + ",127.0.0.1:" + port,
                                "--token-file",
                                tokenFile.toString());
                assertOneLine(run, "voice-console: UNAVAILABLE: no worker can take a session:");
                assertThat(run.err())
                        .as(mode)
                        .contains("127.0.0.1:" + dead + " (UNAVAILABLE", "127.0.0.1:" + port + " (full: 1/1 sessions)");
            }
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void modelsVerifyRefusesAShapeThatNeedsMoreMemoryThanTheMachineHas() throws Exception {
        WhisperHparams huge = new WhisperHparams(51864, 4096, 8192, 128, 128, 4096, 8192, 128, 128, 80, 1);
        long needed = ModelMemory.estimateBytes(huge);
        assumeThat(ModelMemory.machineBytes().orElse(Long.MAX_VALUE))
                .as("a machine with more memory than the shape needs")
                .isLessThan(needed);
        Path file = dir.resolve("huge.bin");
        WeightlessModelWriter.write(file, huge);
        CliTest.Run run = CliTest.run("models", "verify", file.toString());
        assertOneLine(run, "voice-console: huge.bin needs about " + Math.round(needed / 1e9) + " GB");
        assertThat(run.err()).contains(" GB of memory to load", "more than this machine's");
        assertThat(run.out()).doesNotContain("\"valid\"");
        CliTest.Run sidecar = CliTest.run("sidecar", "--model", file.toString(), "--token-file", tokenFile.toString());
        assertOneLine(sidecar, "voice-console: huge.bin needs about " + Math.round(needed / 1e9) + " GB");
    }

    @Test
    void aWorkerLostForGoodOrSpeakingAnotherProtocolIsOneLine() {
        assertOneLine(
                runThrowing(new RecoveryFailedException(
                        "the worker was lost (UNAVAILABLE: io exception) and no "
                                + "worker took the dictation over within 30 s",
                        Status.UNAVAILABLE.asRuntimeException())),
                "voice-console: the worker was lost (UNAVAILABLE: io exception) and no worker took");
        assertOneLine(
                runThrowing(new IncompatibleWorkerException(2, 1)),
                "voice-console: incompatible voice worker: it speaks protocol version 2");
        assertOneLine(
                runThrowing(Status.RESOURCE_EXHAUSTED
                        .withDescription("worker is at capacity (1 sessions)")
                        .asRuntimeException()),
                "voice-console: RESOURCE_EXHAUSTED: worker is at capacity");
    }

    /** The CLI's own error handling around a command that fails the way a transcription does. */
    private static CliTest.Run runThrowing(RuntimeException failure) {
        @CommandLine.Command(name = "failing")
        final class Failing implements Callable<Integer> {
            @Override
            public Integer call() {
                throw failure;
            }
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new Failing())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setExecutionExceptionHandler(new ErrorReporter());
        return new CliTest.Run(cmd.execute(), out.toString(), err.toString());
    }

    private static Path speech(String name) throws Exception {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            WavWriter.write(file, 16_000, TestSignals.speechLike(1, 16_000, 7));
        }
        return file;
    }

    private int startServer(int maxSessions) throws Exception {
        SpeechEngine engine = new ToneWordEngine();
        WorkerSettings d = WorkerSettings.defaults("cli-full", "sidecar", "test");
        WorkerCore core = new WorkerCore(
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
}
