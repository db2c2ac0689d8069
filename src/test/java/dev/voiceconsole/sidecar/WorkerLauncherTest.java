package dev.voiceconsole.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceconsole.client.ClientSettings;
import dev.voiceconsole.client.VoiceWorkerClient;
import dev.voiceconsole.client.WorkerHandle;
import dev.voiceconsole.engine.SpeechEngine;
import dev.voiceconsole.engine.WeightlessModelWriter;
import dev.voiceconsole.proto.v1.HealthResponse;
import dev.voiceconsole.testing.ChildProcessTest;
import dev.voiceconsole.transport.EmbeddedWorker;
import dev.voiceconsole.worker.ResamplingAudioConverter;
import dev.voiceconsole.worker.WorkerCore;
import dev.voiceconsole.worker.WorkerSettings;
import dev.voiceconsole.worker.policy.ToneWordEngine;
import dev.voiceconsole.worker.policy.TranscriptionPolicies;
import dev.voiceconsole.worker.policy.VoiceActivityDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Mode selection and fallback: each way a sidecar can fail leaves a working embedded worker that says why. */
@ChildProcessTest
class WorkerLauncherTest {

    @TempDir
    static Path dir;

    static Path model;
    static Path corrupt;

    private final AtomicInteger embeddedStarts = new AtomicInteger();
    private WorkerHandle connection;

    @BeforeAll
    static void models() throws Exception {
        model = WeightlessModelWriter.writeTinyEn(dir.resolve("tiny.en.bin"));
        corrupt = Files.write(dir.resolve("corrupt.bin"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    }

    @AfterEach
    void close() {
        if (connection != null) {
            connection.close();
        }
        assertThat(TestSidecars.liveChildren()).isEmpty();
    }

    /** The embedded worker of these tests: the tone-word worker core in process, reporting the mode it is given. */
    private WorkerHandle startEmbedded(Optional<String> fallback) throws Exception {
        embeddedStarts.incrementAndGet();
        String mode = fallback.map(WorkerHandle::fallbackMode).orElse("embedded");
        SpeechEngine engine = new ToneWordEngine();
        EmbeddedWorker worker = EmbeddedWorker.start(new WorkerCore(
                WorkerSettings.defaults("embedded-test", mode, "test"),
                settings -> TranscriptionPolicies.create(settings, engine, VoiceActivityDetector::new),
                ResamplingAudioConverter::new,
                engine.info()));
        return WorkerHandle.embedded(worker.channel(), mode, fallback, () -> worker.close(Duration.ofSeconds(1)));
    }

    private WorkerLauncher launcher(SidecarLaunch launch, boolean fallback) {
        return new WorkerLauncher(launch, this::startEmbedded, fallback, ClientSettings.defaults());
    }

    private static HealthResponse health(WorkerHandle connection) {
        try (VoiceWorkerClient client = new VoiceWorkerClient(connection.channel(), ClientSettings.defaults())) {
            return client.connect();
        }
    }

    static Stream<Arguments> failingSidecars() {
        Function<SidecarCommandLine, SidecarLaunch> launch = c -> TestSidecars.launch(c, model);
        return Stream.of(
                Arguments.of(
                        "missing runtime",
                        launch.apply(TestSidecars.scripted("serve")
                                .withJavaExecutable(Path.of("/nonexistent/jdk/bin/java"))),
                        "cannot run the Java runtime /nonexistent/jdk/bin/java"),
                Arguments.of(
                        "failed start",
                        TestSidecars.launch(TestSidecars.realApp(), corrupt),
                        "sidecar exited with code 2 before it was ready"),
                Arguments.of(
                        "ready timeout",
                        launch.apply(TestSidecars.scripted("never-ready")).withReadyTimeout(Duration.ofMillis(1500)),
                        "was not ready within 1500 ms"),
                Arguments.of(
                        "version mismatch",
                        launch.apply(TestSidecars.scripted("protocol-99")),
                        "incompatible voice worker: it speaks protocol version 99"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failingSidecars")
    void aFailingSidecarFallsBackToEmbeddedAndSaysWhy(String name, SidecarLaunch launch, String reason)
            throws Exception {
        connection = launcher(launch, true).launch(WorkerLauncher.Mode.SIDECAR);

        assertThat(connection.fallbackReason())
                .hasValueSatisfying(r -> assertThat(r).contains(reason));
        assertThat(connection.mode())
                .startsWith("embedded (fallback: ")
                .contains(reason)
                .endsWith(")");
        assertThat(health(connection).getMode()).isEqualTo(connection.mode());
        assertThat(embeddedStarts).hasValue(1);
        assertThat(TestSidecars.liveChildren()).isEmpty();
    }

    @Test
    void withFallbackOffTheCallerGetsTheReason() {
        SidecarLaunch missing = TestSidecars.launch(
                TestSidecars.scripted("serve").withJavaExecutable(Path.of("/nonexistent/jdk/bin/java")), model);
        assertThatThrownBy(() -> launcher(missing, false).launch(WorkerLauncher.Mode.SIDECAR))
                .isInstanceOfSatisfying(
                        SidecarStartException.class,
                        e -> assertThat(e.cause()).isEqualTo(SidecarStartException.Cause.RUNTIME_MISSING));
        assertThat(embeddedStarts).hasValue(0);
    }

    @Test
    void embeddedModeStartsNoProcess() throws Exception {
        connection = launcher(TestSidecars.launch(TestSidecars.scripted("serve"), model), true)
                .launch(WorkerLauncher.Mode.EMBEDDED);
        assertThat(connection.mode()).isEqualTo("embedded");
        assertThat(connection.fallbackReason()).isEmpty();
        assertThat(health(connection).getMode()).isEqualTo("embedded");
        assertThat(TestSidecars.liveChildren()).isEmpty();
    }

    @Test
    void sidecarModeRunsTheRealSidecarCommandInAChildProcess() throws Exception {
        connection = launcher(TestSidecars.launch(TestSidecars.realApp(), model), true)
                .launch(WorkerLauncher.Mode.SIDECAR);

        assertThat(connection.mode()).isEqualTo("sidecar");
        SidecarProcess process = ((SidecarConnection) connection).process();
        assertThat(TestSidecars.liveChildren()).extracting(ProcessHandle::pid).containsExactly(process.pid());
        HealthResponse health = health(connection);
        assertThat(health.getMode()).isEqualTo("sidecar");
        assertThat(health.getWorkerId()).isEqualTo(process.ready().workerId()).startsWith("sidecar-");
        assertThat(health.getModelType()).isEqualTo("tiny.en");
        assertThat(health.getThreads()).isEqualTo(1);
        assertThat(embeddedStarts).hasValue(0);

        connection.close();
        assertThat(process.exitCode()).hasValue(0);
        connection = null;
    }
}
