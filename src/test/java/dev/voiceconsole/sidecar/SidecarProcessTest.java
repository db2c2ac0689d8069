package dev.voiceconsole.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.voiceconsole.audio.Pcm16;
import dev.voiceconsole.client.AudioStream;
import dev.voiceconsole.client.ClientSettings;
import dev.voiceconsole.client.StreamListener;
import dev.voiceconsole.client.VoiceWorkerClient;
import dev.voiceconsole.engine.WeightlessModelWriter;
import dev.voiceconsole.engine.WhisperHparams;
import dev.voiceconsole.proto.v1.GetHealthRequest;
import dev.voiceconsole.proto.v1.SessionConfig;
import dev.voiceconsole.proto.v1.StreamEvent;
import dev.voiceconsole.proto.v1.VoiceWorkerGrpc;
import dev.voiceconsole.testing.ChildProcessTest;
import dev.voiceconsole.transport.IdleHttp2Connection;
import dev.voiceconsole.worker.policy.ToneScript;
import io.grpc.ManagedChannel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sidecars as real child processes on real sockets: start, drain, kill, repeat. */
@ChildProcessTest
class SidecarProcessTest {

    @TempDir
    Path dir;

    private final List<SidecarProcess> started = new ArrayList<>();

    @AfterEach
    void noSidecarOutlivesItsTest() {
        started.forEach(SidecarProcess::stop);
        assertThat(TestSidecars.liveChildren()).isEmpty();
    }

    private SidecarProcess start(SidecarLaunch launch) throws SidecarStartException {
        SidecarProcess process = SidecarProcess.start(launch);
        started.add(process);
        return process;
    }

    private SidecarLaunch scripted(String behaviour) {
        return TestSidecars.launch(TestSidecars.scripted(behaviour), dir.resolve("unused.bin"));
    }

    @Test
    void sigtermDrainDeliversTheFinalTextOfAnOpenSessionThenExitsZero() throws Exception {
        SidecarProcess sidecar = start(scripted("serve"));
        assertThat(sidecar.ready().tokenRequired()).isTrue();
        assertThat(sidecar.ready().pid()).isEqualTo(sidecar.pid());
        ManagedChannel channel = WorkerChannels.loopback(sidecar.port(), sidecar.token());
        List<StreamEvent> events = new CopyOnWriteArrayList<>();
        CountDownLatch completed = new CountDownLatch(1);
        try (VoiceWorkerClient client = new VoiceWorkerClient(channel, ClientSettings.defaults())) {
            client.connect();
            String session = client.createSession(
                            SessionConfig.newBuilder().setSampleRateHz(16_000).build())
                    .getSessionId();
            AudioStream stream = client.openStream(session, new StreamListener() {
                @Override
                public void onEvent(StreamEvent event) {
                    events.add(event);
                }

                @Override
                public void onCompleted() {
                    completed.countDown();
                }
            });
            // The sentence ends with no pause: the utterance is still open when the signal comes.
            float[] speech = new ToneScript()
                    .sentence(200, 60, 0, "alpha", "bravo", "charlie")
                    .samples();
            int chunks = 0;
            for (int i = 0; i < speech.length; i += 320) {
                stream.send(Pcm16.fromFloat(Arrays.copyOfRange(speech, i, Math.min(speech.length, i + 320))), 0);
                chunks++;
            }
            int sent = chunks;
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> events.stream().filter(StreamEvent::hasAck).count() == sent);
            assertThat(events).noneMatch(StreamEvent::hasFinal);

            sidecar.stop();

            assertThat(completed.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(events)
                    .filteredOn(StreamEvent::hasFinal)
                    .extracting(e -> e.getFinal().getText())
                    .containsExactly("alpha bravo charlie");
            assertThat(sidecar.exitCode()).hasValue(0);
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void aFloodOfIdleConnectionsCannotTakeTheDescriptorsOfASidecarWithFewOfThem() throws Exception {
        // The sidecar runs with 400 descriptors (its jars take about a hundred); 600 connections are more than all.
        Path stderr = dir.resolve("sidecar.err");
        Path java = dir.resolve("java-with-400-descriptors");
        Files.writeString(
                java,
                "#!/bin/sh\nexec prlimit --nofile=400:400 "
                        + TestSidecars.realApp().javaExecutable() + " \"$@\" 2>>" + stderr + "\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        SidecarProcess sidecar = start(TestSidecars.launch(
                TestSidecars.scripted("serve").withJavaExecutable(java), dir.resolve("unused.bin")));
        ManagedChannel supervisor = WorkerChannels.loopback(sidecar.port(), sidecar.token());
        List<IdleHttp2Connection> flood = new ArrayList<>();
        try {
            assertThat(health(supervisor)).isNotEmpty();
            for (int i = 0; i < 600; i++) {
                flood.add(IdleHttp2Connection.open(sidecar.port(), Duration.ofSeconds(20)));
            }
            // Connections are accepted in order: once the last is answered (refused), every one has been.
            assertThat(flood.get(flood.size() - 1).servedOrClosed())
                    .as("the last connection is refused")
                    .isFalse();
            assertThat(health(supervisor))
                    .as("the supervisor's connection is still served")
                    .isNotEmpty();
        } finally {
            for (IdleHttp2Connection c : flood) {
                c.close();
            }
        }
        ManagedChannel later = WorkerChannels.loopback(sidecar.port(), sidecar.token());
        try {
            await().atMost(Duration.ofSeconds(20))
                    .ignoreExceptions()
                    .until(() -> !health(later).isEmpty());
        } finally {
            later.shutdownNow();
            supervisor.shutdownNow();
        }
        sidecar.stop();
        List<String> log = Files.readAllLines(stderr);
        assertThat(log).noneMatch(l -> l.contains("Too many open files"));
        assertThat(log).filteredOn(l -> l.contains("refusing connections")).hasSize(1);
    }

    private static String health(ManagedChannel channel) {
        return VoiceWorkerGrpc.newBlockingStub(channel)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .getHealth(GetHealthRequest.getDefaultInstance())
                .getWorkerId();
    }

    @Test
    void sigtermWhileTheModelIsStillLoadingExitsZeroWithoutServing() throws Exception {
        Path model = dir.resolve("base-weightless.bin");
        WeightlessModelWriter.write(model, WhisperHparams.baseEn()); // base loads and warms up for a second or more
        ProcessBuilder builder = new ProcessBuilder(
                TestSidecars.realApp().command(List.of("sidecar", "--model", model.toString(), "--threads", "1")));
        builder.environment().put(SidecarToken.ENV_VAR, "test-token");
        builder.environment().put("VOICE_CONSOLE_LOG_LEVEL", "INFO");
        Process process = builder.start();
        try {
            List<String> log = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(
                    () -> new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))
                            .lines()
                            .forEach(log::add));
            reader.start();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> log.stream().anyMatch(l -> l.contains("Loading " + model)));

            process.toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its pipes)

            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            reader.join(5000);
            assertThat(process.exitValue())
                    .as("a clean exit, not the JVM's 143")
                    .isZero();
            assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .as("it never announced itself ready")
                    .doesNotContain("ready");
            assertThat(log).anyMatch(l -> l.contains("terminated while starting"));
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void sigtermWhileReadingItsTokenFileExitsZero() throws Exception {
        // A FIFO holds the sidecar at the very first thing it does (reading its token), before any port or model:
        // our open for writing returns only once the child has opened it for reading, so no timing is guessed.
        Path fifo = dir.resolve("token.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                .isZero();
        Process process = new ProcessBuilder(TestSidecars.realApp()
                        .command(List.of(
                                "sidecar",
                                "--model",
                                dir.resolve("never-read.bin").toString(),
                                "--token-file",
                                fifo.toString())))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (var writer = Files.newOutputStream(fifo)) {
            process.toHandle().destroy(); // SIGTERM while the token is being read
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue())
                    .as("a clean exit, not the JVM's 143")
                    .isZero();
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aSidecarThatIgnoresSigtermIsKilledAfterTheDeadline() throws Exception {
        SidecarProcess sidecar = start(scripted("ignore-term")
                .withDrainDeadline(Duration.ofMillis(400))
                .withKillGrace(Duration.ofMillis(200)));
        long before = System.nanoTime();
        sidecar.stop();
        long tookMs = (System.nanoTime() - before) / 1_000_000;
        assertThat(sidecar.isAlive()).isFalse();
        assertThat(sidecar.exitCode()).hasValue(128 + 9); // SIGKILL, not a clean exit
        assertThat(tookMs).isGreaterThanOrEqualTo(600).isLessThan(10_000);
    }

    @Test
    void stopIsIdempotentAndSafeFromManyThreadsAtOnce() throws Exception {
        SidecarProcess sidecar = start(scripted("serve"));
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            stops.add(CompletableFuture.runAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                sidecar.stop();
            }));
        }
        go.countDown();
        CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        // Every caller returned only once the process was gone, and it went cleanly (one SIGTERM, no SIGKILL).
        assertThat(sidecar.exitCode()).hasValue(0);
        sidecar.stop();
        sidecar.close();
        assertThat(sidecar.exitCode()).hasValue(0);
    }

    @Test
    void startStopCyclesLeaveNoProcessesAndNoOpenPorts() throws Exception {
        for (int cycle = 0; cycle < 3; cycle++) {
            SidecarProcess sidecar = start(scripted("serve"));
            int port = sidecar.port();
            assertThat(TestSidecars.liveChildren())
                    .extracting(ProcessHandle::pid)
                    .containsExactly(sidecar.pid());
            assertThat(accepts(port)).isTrue();
            sidecar.stop();
            assertThat(TestSidecars.liveChildren()).isEmpty();
            assertThat(ProcessHandle.of(sidecar.pid()).map(ProcessHandle::isAlive))
                    .isNotEqualTo(java.util.Optional.of(true));
            assertThat(accepts(port)).isFalse();
        }
    }

    @Test
    void aSidecarThatNeverPrintsItsReadyLineTimesOutAndIsKilled() {
        long before = System.nanoTime();
        assertThatThrownBy(() -> start(scripted("never-ready").withReadyTimeout(Duration.ofMillis(1500))))
                .isInstanceOfSatisfying(SidecarStartException.class, e -> {
                    assertThat(e.cause()).isEqualTo(SidecarStartException.Cause.READY_TIMEOUT);
                    assertThat(e.reason()).contains("was not ready within 1500 ms");
                });
        assertThat((System.nanoTime() - before) / 1_000_000).isGreaterThanOrEqualTo(1500);
        assertThat(TestSidecars.liveChildren()).isEmpty();
    }

    @Test
    void aMissingJavaRuntimeIsReportedAsSuch() {
        Path missing = dir.resolve("no-jdk/bin/java");
        assertThatThrownBy(() -> start(scripted("serve")
                        .withCommandLine(TestSidecars.scripted("serve").withJavaExecutable(missing))))
                .isInstanceOfSatisfying(SidecarStartException.class, e -> {
                    assertThat(e.cause()).isEqualTo(SidecarStartException.Cause.RUNTIME_MISSING);
                    assertThat(e.reason()).isEqualTo("cannot run the Java runtime " + missing);
                });
    }

    @Test
    void aSidecarThatExitsBeforeReadyReportsItsExitCodeAndLastWords() throws Exception {
        Path corrupt = dir.resolve("corrupt.bin");
        java.nio.file.Files.write(corrupt, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertThatThrownBy(() -> start(TestSidecars.launch(TestSidecars.realApp(), corrupt)))
                .isInstanceOfSatisfying(SidecarStartException.class, e -> {
                    assertThat(e.cause()).isEqualTo(SidecarStartException.Cause.FAILED_START);
                    assertThat(e.reason()).isEqualTo("sidecar exited with code 2 before it was ready");
                    assertThat(e.getMessage())
                            .contains("its last output: voice-console: ")
                            .contains("corrupt.bin");
                });
    }

    @Test
    void connectingRefusesAnotherProtocolVersion() throws Exception {
        SidecarProcess sidecar = start(scripted("protocol-99"));
        assertThatThrownBy(() -> SidecarConnection.connect(sidecar, ClientSettings.defaults()))
                .isInstanceOfSatisfying(SidecarStartException.class, e -> {
                    assertThat(e.cause()).isEqualTo(SidecarStartException.Cause.INCOMPATIBLE);
                    assertThat(e.reason()).contains("protocol version 99").contains("protocol version 1");
                });
        assertThat(sidecar.isAlive()).isFalse();
    }

    @Test
    void connectingRefusesAWorkerOtherThanTheOneStarted() throws Exception {
        SidecarProcess sidecar = start(scripted("other-worker"));
        assertThatThrownBy(() -> SidecarConnection.connect(sidecar, ClientSettings.defaults()))
                .isInstanceOfSatisfying(SidecarStartException.class, e -> {
                    assertThat(e.cause()).isEqualTo(SidecarStartException.Cause.INCOMPATIBLE);
                    assertThat(e.reason())
                            .contains("answered by worker 'impostor'")
                            .contains("'the-expected-one'");
                });
        assertThat(sidecar.isAlive()).isFalse();
    }

    private static boolean accepts(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (ConnectException e) {
            return false;
        }
    }
}
