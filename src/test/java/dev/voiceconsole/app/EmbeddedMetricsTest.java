package dev.voiceconsole.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceconsole.audio.TestSignals;
import dev.voiceconsole.audio.WavWriter;
import dev.voiceconsole.cli.VoiceConsoleCommand;
import dev.voiceconsole.client.ClientSettings;
import dev.voiceconsole.client.TranscriptionResult;
import dev.voiceconsole.client.VoiceWorkerClient;
import dev.voiceconsole.engine.WeightlessModelWriter;
import dev.voiceconsole.engine.WhisperEngineSettings;
import dev.voiceconsole.metrics.MetricsEndpoint;
import dev.voiceconsole.metrics.Scrape;
import dev.voiceconsole.proto.v1.SessionConfig;
import dev.voiceconsole.testing.WorkerTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded worker (real whisper engine, weightless model) serves the sidecar's Prometheus metrics when asked. */
@WorkerTest
class EmbeddedMetricsTest {

    @TempDir
    static Path dir;

    static Path model;

    @BeforeAll
    static void model() throws Exception {
        model = WeightlessModelWriter.writeTinyEn(dir.resolve("tiny.en.bin"));
    }

    @Test
    void aScrapeAfterATranscriptionShowsItsSessionChunksAndDecodes() throws Exception {
        float[] audio = TestSignals.speechLike(2, 16_000, 3);
        try (LocalWorker worker = LocalWorker.start(
                        model,
                        WhisperEngineSettings.defaults(),
                        "embedded",
                        Optional.of(MetricsEndpoint.of(MetricsEndpoint.DEFAULT_HOST, 0)));
                VoiceWorkerClient client = new VoiceWorkerClient(worker.channel(), ClientSettings.defaults())) {
            int port = worker.metricsPort().orElseThrow();
            assertThat(Scrape.of("127.0.0.1", port).value("voiceconsole_sessions_created_total"))
                    .isZero();

            TranscriptionResult result =
                    client.transcribeOffline(audio, 16_000, SessionConfig.getDefaultInstance(), (done, total) -> {});

            Scrape after = Scrape.of("127.0.0.1", port);
            String workerId = client.health().getWorkerId();
            assertThat(after.value("voiceconsole_sessions_created_total")).isEqualTo(1);
            assertThat(after.value("voiceconsole_sessions_stopped_total", "reason", "stop_session"))
                    .isEqualTo(1);
            assertThat(after.value("voiceconsole_active_sessions")).isZero();
            assertThat(after.value("voiceconsole_chunks_received_total", "result", "accepted"))
                    .isPositive();
            assertThat(after.value("voiceconsole_audio_received_bytes_total")).isEqualTo(audio.length * 2);
            assertThat(after.value("voiceconsole_inference_seconds_count")).isPositive();
            assertThat(after.find("voiceconsole_worker_info", "mode", "embedded"))
                    .singleElement()
                    .satisfies(s -> assertThat(s.labels()).containsEntry("worker_id", workerId));
            assertThat(result.sessionId()).isNotEmpty();
        }
    }

    @Test
    void transcribeMetricsPortIsForTheEmbeddedWorkerAndABusyPortHasItsOwnExitCode() throws Exception {
        Path wav = dir.resolve("speech.wav");
        WavWriter.write(wav, 16_000, TestSignals.speechLike(1, 16_000, 5));
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StringWriter err = new StringWriter();
            int code = VoiceConsoleCommand.create(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true))
                    .execute(
                            "transcribe",
                            wav.toString(),
                            "--model",
                            model.toString(),
                            "--metrics-port",
                            String.valueOf(busy.getLocalPort()));
            assertThat(code).isEqualTo(5);
            assertThat(err.toString()).contains("metrics port " + busy.getLocalPort());
        }
        StringWriter err = new StringWriter();
        int code = VoiceConsoleCommand.create(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true))
                .execute(
                        "transcribe",
                        wav.toString(),
                        "--model",
                        model.toString(),
                        "--mode",
                        "sidecar",
                        "--metrics-port",
                        "0");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--metrics-port is for --mode embedded");
        StringWriter out = new StringWriter();
        StringWriter announced = new StringWriter();
        code = VoiceConsoleCommand.create(new PrintWriter(out, true), new PrintWriter(announced, true))
                .execute("transcribe", wav.toString(), "--model", model.toString(), "--metrics-port", "0");
        assertThat(code).as(announced.toString()).isZero();
        assertThat(announced.toString()).containsPattern("metrics on http://127\\.0\\.0\\.1:\\d+/metrics");
    }
}
