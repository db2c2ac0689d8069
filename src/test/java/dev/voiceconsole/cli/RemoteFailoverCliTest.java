package dev.voiceconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voiceconsole.audio.WavWriter;
import dev.voiceconsole.engine.SpeechEngine;
import dev.voiceconsole.sidecar.SidecarToken;
import dev.voiceconsole.sidecar.TestCertificates;
import dev.voiceconsole.testing.WorkerTest;
import dev.voiceconsole.transport.BearerTokenInterceptor;
import dev.voiceconsole.transport.TlsFiles;
import dev.voiceconsole.transport.VoiceWorkerGrpcService;
import dev.voiceconsole.worker.ResamplingAudioConverter;
import dev.voiceconsole.worker.WorkerCore;
import dev.voiceconsole.worker.WorkerSettings;
import dev.voiceconsole.worker.policy.ToneScript;
import dev.voiceconsole.worker.policy.ToneWordEngine;
import dev.voiceconsole.worker.policy.TranscriptionPolicies;
import dev.voiceconsole.worker.policy.VoiceActivityDetector;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code transcribe --mode remote --stream} over TLS to two workers on real loopback sockets: the worker serving the
 * stream goes away mid-dictation and the CLI's transcript still has every word once (the tone-word engine derives
 * the words from the audio, so a lost or replayed-twice chunk would change the text).
 */
@WorkerTest
class RemoteFailoverCliTest {

    private static final String TOKEN = SidecarToken.generate();

    @TempDir
    Path dir;

    private final Map<String, Server> servers = new ConcurrentHashMap<>();
    private final List<WorkerCore> cores = new ArrayList<>();

    @AfterEach
    void stopWorkers() throws InterruptedException {
        for (Server s : servers.values()) {
            s.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        cores.forEach(WorkerCore::close);
    }

    private String tlsWorker(String id, TlsFiles tls) throws Exception {
        SpeechEngine engine = new ToneWordEngine();
        WorkerCore core = new WorkerCore(
                WorkerSettings.defaults(id, "sidecar", "test"),
                s -> TranscriptionPolicies.create(s, engine, VoiceActivityDetector::new),
                ResamplingAudioConverter::new,
                engine.info());
        cores.add(core);
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .sslContext(GrpcSslContexts.forServer(
                                tls.certificateChain().toFile(),
                                tls.privateKey().toFile())
                        .build())
                .intercept(new BearerTokenInterceptor(TOKEN))
                .addService(new VoiceWorkerGrpcService(core))
                .build()
                .start();
        servers.put(id, server);
        return "127.0.0.1:" + server.getPort();
    }

    /** Collects what the CLI prints, line by line, while it runs. */
    private static final class Lines extends Writer {
        final List<String> lines = new CopyOnWriteArrayList<>();
        private final StringBuilder current = new StringBuilder();

        @Override
        public synchronized void write(char[] buf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                if (buf[i] == '\n') {
                    lines.add(current.toString());
                    current.setLength(0);
                } else {
                    current.append(buf[i]);
                }
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    @Test
    void aStreamWhoseWorkerDiesMovesToTheOtherWorkerAndLosesNoWord() throws Exception {
        TlsFiles tls = TestCertificates.selfSigned(dir);
        String a = tlsWorker("remote-a", tls);
        String b = tlsWorker("remote-b", tls);
        ToneScript script = new ToneScript().pause(300);
        List<String> words = ToneWordEngine.WORDS;
        for (int s = 0; s < 4; s++) {
            script.sentence(
                    200,
                    100,
                    1300,
                    words.get(s),
                    words.get((s + 3) % 10),
                    words.get((s + 6) % 10),
                    words.get((s + 1) % 10));
        }
        Path wav = dir.resolve("dictation.wav");
        WavWriter.write(wav, 16_000, script.samples());
        Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN);

        Lines out = new Lines();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> cli = CompletableFuture.supplyAsync(
                () -> VoiceConsoleCommand.create(new PrintWriter(out, true), new PrintWriter(err, true))
                        .execute(
                                "transcribe",
                                wav.toString(),
                                "--stream",
                                "--pace",
                                "3",
                                "--no-acks",
                                "--mode",
                                "remote",
                                "--target",
                                a + "," + b,
                                "--token-file",
                                tokenFile.toString(),
                                "--tls-ca",
                                tls.certificateChain().toString()));

        // After the first final text, the worker that produced it goes away like a machine that lost power.
        ObjectMapper json = new ObjectMapper();
        JsonNode firstFinal = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> out.lines.stream()
                                .map(l -> readQuietly(json, l))
                                .filter(n -> n != null
                                        && "final".equals(n.path("type").asText()))
                                .findFirst()
                                .orElse(null),
                        n -> n != null);
        String serving = firstFinal.get("worker_id").asText();
        servers.get(serving).shutdownNow();

        assertThat(cli.get(30, TimeUnit.SECONDS)).as(err.toString()).isZero();
        JsonNode summary = json.readTree(out.lines.get(out.lines.size() - 1));
        String expected = String.join(
                " ", script.sentences().stream().map(w -> String.join(" ", w)).toList());
        assertThat(summary.get("text").asText()).isEqualTo(expected);
        assertThat(err.toString())
                .contains(
                        "worker lost",
                        "session moved from " + serving + " to "
                                + (serving.equals("remote-a") ? "remote-b" : "remote-a"));
        List<String> finalWorkers = out.lines.stream()
                .map(l -> readQuietly(json, l))
                .filter(n -> n != null && "final".equals(n.path("type").asText()))
                .map(n -> n.get("worker_id").asText())
                .distinct()
                .toList();
        assertThat(finalWorkers)
                .as("final text came from both workers, before and after the move")
                .hasSize(2);
    }

    private static JsonNode readQuietly(ObjectMapper json, String line) {
        try {
            return json.readTree(line);
        } catch (Exception e) {
            return null;
        }
    }
}
