package dev.voiceconsole.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voiceconsole.client.ClientSettings;
import dev.voiceconsole.client.VoiceWorkerClient;
import dev.voiceconsole.client.WorkerHandle;
import dev.voiceconsole.engine.SpeechEngine;
import dev.voiceconsole.testing.ChildProcessTest;
import dev.voiceconsole.transport.EmbeddedWorker;
import dev.voiceconsole.worker.ResamplingAudioConverter;
import dev.voiceconsole.worker.WorkerCore;
import dev.voiceconsole.worker.WorkerSettings;
import dev.voiceconsole.worker.policy.ToneWordEngine;
import dev.voiceconsole.worker.policy.TranscriptionPolicies;
import dev.voiceconsole.worker.policy.VoiceActivityDetector;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Supervision of real sidecar processes: hang detection, restart with back-off, crash loop, app exit. */
@ChildProcessTest
class SidecarSupervisorTest {

    private static final SupervisorSettings FAST = new SupervisorSettings(
            Duration.ofMillis(250),
            Duration.ofSeconds(1),
            2,
            Duration.ofMillis(100),
            Duration.ofSeconds(1),
            3,
            Duration.ofSeconds(60),
            0);

    private SidecarSupervisor supervisor;

    @AfterEach
    void closeAndLeaveNothingBehind() {
        if (supervisor != null) {
            supervisor.close();
            supervisor.close();
        }
        assertThat(TestSidecars.liveChildren()).isEmpty();
    }

    private static WorkerHandle embedded(Optional<String> fallback) throws Exception {
        String mode = fallback.map(WorkerHandle::fallbackMode).orElse("embedded");
        SpeechEngine engine = new ToneWordEngine();
        EmbeddedWorker worker = EmbeddedWorker.start(new WorkerCore(
                WorkerSettings.defaults("embedded-test", mode, "test"),
                settings -> TranscriptionPolicies.create(settings, engine, VoiceActivityDetector::new),
                ResamplingAudioConverter::new,
                engine.info()));
        return WorkerHandle.embedded(worker.channel(), mode, fallback, () -> worker.close(Duration.ofSeconds(1)));
    }

    private SidecarSupervisor supervise(SidecarCommandLine commandLine) throws Exception {
        supervisor = SidecarSupervisor.start(
                TestSidecars.launch(commandLine, Path.of("unused.bin")),
                FAST,
                SidecarSupervisorTest::embedded,
                true,
                ClientSettings.defaults());
        return supervisor;
    }

    private String workerIdThroughTheSupervisorsChannel() {
        try (VoiceWorkerClient client = new VoiceWorkerClient(supervisor.channel(), ClientSettings.defaults())) {
            return client.connect().getWorkerId();
        }
    }

    private static void signal(long pid, String signal) throws Exception {
        // The shell's built-in kill: Java has no way to send SIGSTOP, and a slim image may lack /bin/kill.
        Process kill = new ProcessBuilder("sh", "-c", "kill -" + signal + " " + pid)
                .inheritIO()
                .start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    @Test
    void aHungSidecarIsDeclaredUnhealthyKilledAndReplaced() throws Exception {
        supervise(TestSidecars.scripted("serve"));
        long hung = supervisor.sidecarPid().orElseThrow();
        assertThat(workerIdThroughTheSupervisorsChannel()).isEqualTo("scripted-" + hung);

        signal(hung, "STOP");

        await().atMost(Duration.ofSeconds(30)).until(() -> supervisor.restarts() == 1);
        long replacement = supervisor.sidecarPid().orElseThrow();
        assertThat(replacement).isNotEqualTo(hung);
        assertThat(ProcessHandle.of(hung).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
        assertThat(workerIdThroughTheSupervisorsChannel()).isEqualTo("scripted-" + replacement);
        assertThat(supervisor.mode()).isEqualTo("sidecar");
        assertThat(supervisor.restartDelays()).containsExactly(Duration.ofMillis(100));
    }

    @Test
    void aStoppedSidecarIsSeenUnresponsiveAndServesAgainAfterSigcont() throws Exception {
        // Fault suite: SIGSTOP freezes the child (as a debugger, a suspended terminal or a starved machine would);
        // below the failure threshold the supervisor must call it unresponsive, not dead, and keep it after SIGCONT.
        SupervisorSettings patient = new SupervisorSettings(
                FAST.healthInterval(),
                Duration.ofMillis(500),
                1_000,
                FAST.initialBackoff(),
                FAST.maxBackoff(),
                FAST.crashLoopCount(),
                FAST.crashLoopWindow(),
                0);
        supervisor = SidecarSupervisor.start(
                TestSidecars.launch(TestSidecars.scripted("serve"), Path.of("unused.bin")),
                patient,
                SidecarSupervisorTest::embedded,
                true,
                ClientSettings.defaults());
        long pid = supervisor.sidecarPid().orElseThrow();
        assertThat(workerIdThroughTheSupervisorsChannel()).isEqualTo("scripted-" + pid);
        assertThat(supervisor.consecutiveFailedChecks()).isZero();

        signal(pid, "STOP");
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> supervisor.consecutiveFailedChecks() >= 3);
        } finally {
            signal(pid, "CONT");
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> supervisor.consecutiveFailedChecks() == 0);
        assertThat(supervisor.restarts()).isZero();
        assertThat(supervisor.sidecarPid()).hasValue(pid);
        assertThat(workerIdThroughTheSupervisorsChannel()).isEqualTo("scripted-" + pid);
        assertThat(supervisor.mode()).isEqualTo("sidecar");
    }

    @Test
    void aSidecarThatAnswersOverloadedIsKeptNotKilled() throws Exception {
        // FAST kills after 2 failed checks; an overloaded answer is not a failure, however many come in a row.
        supervise(TestSidecars.scripted("overloaded"));
        long pid = supervisor.sidecarPid().orElseThrow();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> supervisor.overloadedChecks() >= 3 * FAST.failureThreshold());

        assertThat(supervisor.consecutiveFailedChecks()).isZero();
        assertThat(supervisor.restarts()).isZero();
        assertThat(supervisor.sidecarPid()).hasValue(pid);
        assertThat(workerIdThroughTheSupervisorsChannel()).isEqualTo("scripted-" + pid);
    }

    @Test
    void aCrashedSidecarIsRestarted() throws Exception {
        supervise(TestSidecars.scripted("serve"));
        long first = supervisor.sidecarPid().orElseThrow();

        ProcessHandle.of(first).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(30)).until(() -> supervisor.restarts() == 1);
        assertThat(supervisor.sidecarPid()).isNotEqualTo(OptionalLong.of(first)).isPresent();
        assertThat(workerIdThroughTheSupervisorsChannel())
                .startsWith("scripted-")
                .isNotEqualTo("scripted-" + first);
        assertThat(supervisor.mode()).isEqualTo("sidecar");
    }

    @Test
    void aCrashLoopBacksOffExponentiallyThenFallsBackToEmbedded() throws Exception {
        supervise(TestSidecars.scripted("crash-at-first-health-check"));
        assertThat(supervisor.mode()).isEqualTo("sidecar");

        await().atMost(Duration.ofSeconds(40)).until(() -> supervisor.mode().startsWith("embedded"));

        assertThat(supervisor.restartDelays()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(supervisor.fallbackReason())
                .hasValue("crash loop: the sidecar failed 3 times within 60 s (last: exited with code 70)");
        assertThat(supervisor.mode())
                .isEqualTo(
                        "embedded (fallback: crash loop: the sidecar failed 3 times within 60 s (last: exited with code 70))");
        try (VoiceWorkerClient client = new VoiceWorkerClient(supervisor.channel(), ClientSettings.defaults())) {
            assertThat(client.connect().getMode()).isEqualTo(supervisor.mode());
        }
        assertThat(supervisor.sidecarPid()).isEmpty();
        assertThat(TestSidecars.liveChildren()).isEmpty();
    }

    @Test
    void backoffDoublesUpToItsCap() {
        SupervisorSettings s = new SupervisorSettings(
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                1,
                Duration.ofMillis(500),
                Duration.ofSeconds(3),
                3,
                Duration.ofSeconds(60),
                0);
        assertThat(List.of(s.backoff(1), s.backoff(2), s.backoff(3), s.backoff(4), s.backoff(40)))
                .containsExactly(
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(3),
                        Duration.ofSeconds(3));
    }

    @Test
    void noSidecarOutlivesTheAppThatStartedIt() throws Exception {
        SidecarCommandLine app = TestSidecars.scripted("serve").withMainClass(AppExitMain.class.getName());
        Process appProcess = new ProcessBuilder(app.command(List.of()))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        long sidecarPid;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(appProcess.getInputStream(), StandardCharsets.UTF_8))) {
            sidecarPid = Long.parseLong(out.readLine().strip());
        }
        assertThat(appProcess.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(appProcess.exitValue()).isZero();
        // The app's shutdown hook stopped its sidecar before the app was gone.
        assertThat(ProcessHandle.of(sidecarPid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
    }

    @Test
    void aSidecarWhoseAppWasKilledStopsByItself() throws Exception {
        SidecarCommandLine app = TestSidecars.scripted("serve").withMainClass(AppExitMain.class.getName());
        Process appProcess = new ProcessBuilder(app.command(List.of("hang")))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(appProcess.getInputStream(), StandardCharsets.UTF_8))) {
            long sidecarPid = Long.parseLong(out.readLine().strip());
            ProcessHandle sidecar = ProcessHandle.of(sidecarPid).orElseThrow();
            assertThat(sidecar.isAlive()).isTrue();

            appProcess.destroyForcibly(); // SIGKILL: no shutdown hook runs in the app
            assertThat(appProcess.waitFor(10, TimeUnit.SECONDS)).isTrue();

            await().atMost(Duration.ofSeconds(20)).until(() -> !sidecar.isAlive());
        } finally {
            appProcess.destroyForcibly();
        }
    }
}
