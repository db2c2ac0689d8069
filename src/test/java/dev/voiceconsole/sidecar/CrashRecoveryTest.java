package dev.voiceconsole.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceconsole.audio.Pcm16;
import dev.voiceconsole.audio.RealTimePacer;
import dev.voiceconsole.client.ClientSettings;
import dev.voiceconsole.client.RecoveringSession;
import dev.voiceconsole.client.RecoveryListener;
import dev.voiceconsole.client.RecoveryReport;
import dev.voiceconsole.client.RecoverySettings;
import dev.voiceconsole.client.StreamListener;
import dev.voiceconsole.client.VoiceWorkerClient;
import dev.voiceconsole.proto.v1.FinalSegment;
import dev.voiceconsole.proto.v1.SessionConfig;
import dev.voiceconsole.proto.v1.SessionMode;
import dev.voiceconsole.proto.v1.StreamEvent;
import dev.voiceconsole.testing.ChildProcessTest;
import dev.voiceconsole.worker.policy.ToneScript;
import dev.voiceconsole.worker.policy.ToneWordEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervisor and the recovering client under test: a real sidecar child process (the real server, worker, VAD
 * and live policy; the tone-word engine derives the words from the audio) is killed with SIGKILL in the middle of
 * a dictation, and the transcript must come out exactly as without the crash.
 */
@ChildProcessTest
class CrashRecoveryTest {

    private static final Logger log = LoggerFactory.getLogger(CrashRecoveryTest.class);

    private static final SupervisorSettings FAST = new SupervisorSettings(
            Duration.ofMillis(250),
            Duration.ofSeconds(1),
            2,
            Duration.ofMillis(100),
            Duration.ofSeconds(1),
            3,
            Duration.ofSeconds(60),
            0);
    private static final int RATE = 16_000;
    // One chunk = one word (200 ms) and the 100 ms gap after it: a lost chunk loses a word, a duplicated chunk
    // repeats one (the gap guarantees a silent 50-ms block between the copies, so they do not merge).
    private static final int CHUNK_MS = 300;
    private static final double PACE = 4.0;
    private static final int MAX_PASSES = 10;
    private static final SessionConfig CONFIG = SessionConfig.newBuilder()
            .setSampleRateHz(RATE)
            .setChannels(1)
            .setLanguage("en")
            .setMode(SessionMode.SESSION_MODE_LIVE)
            .build();

    private SidecarSupervisor supervisor;

    @AfterEach
    void closeAndLeaveNothingBehind() {
        if (supervisor != null) {
            supervisor.close();
        }
        assertThat(TestSidecars.liveChildren()).isEmpty();
    }

    private static ToneScript script() {
        ToneScript script = new ToneScript().pause(CHUNK_MS);
        List<String> words = ToneWordEngine.WORDS;
        for (int s = 0; s < 6; s++) {
            // Four different neighbouring words per sentence, a different mix each time.
            script.sentence(
                    200,
                    100,
                    1300,
                    words.get(s % 10),
                    words.get((s + 3) % 10),
                    words.get((s + 6) % 10),
                    words.get((s + 1) % 10));
        }
        return script;
    }

    /** What one dictation delivered. */
    private static final class Run {
        final List<StreamEvent> finals = new CopyOnWriteArrayList<>();
        final List<StreamEvent> partials = new CopyOnWriteArrayList<>();
        final List<StreamEvent> all = new CopyOnWriteArrayList<>();
        final CountDownLatch laterSentenceUnderWay = new CountDownLatch(1);
        final AtomicLong lostAtNanos = new AtomicLong();
        final AtomicInteger passes = new AtomicInteger();
        List<FinalSegment> stopped;
        List<RecoveryReport> recoveries;

        String transcript() {
            return finals.stream().map(e -> e.getFinal().getText()).collect(Collectors.joining(" | "));
        }

        List<String> workerIds() {
            return finals.stream().map(StreamEvent::getWorkerId).distinct().toList();
        }
    }

    private Run dictate(
            VoiceWorkerClient client, byte[] pcm, CompletableFuture<Long> sentWhenKilled, Runnable onLaterSentence)
            throws Exception {
        return dictate(client, pcm, sentWhenKilled, onLaterSentence, () -> true);
    }

    /** Dictates {@code pcm} once, or pass after pass until {@code enough} holds at the end of one. */
    private Run dictate(
            VoiceWorkerClient client,
            byte[] pcm,
            CompletableFuture<Long> sentWhenKilled,
            Runnable onLaterSentence,
            BooleanSupplier enough)
            throws Exception {
        Run run = new Run();
        StreamListener events = new StreamListener() {
            @Override
            public void onEvent(StreamEvent e) {
                run.all.add(e);
                if (e.hasPartial()) {
                    run.partials.add(e);
                }
                if (e.hasFinal()) {
                    run.finals.add(e);
                } else if (e.hasPartial()
                        && !run.finals.isEmpty()
                        && !e.getPartial()
                                .getStableText()
                                .concat(e.getPartial().getUnstableText())
                                .isEmpty()) {
                    run.laterSentenceUnderWay.countDown(); // a sentence after the first final is being decoded
                }
            }
        };
        RecoveryListener recovery = new RecoveryListener() {
            @Override
            public void onWorkerLost(Throwable cause) {
                run.lostAtNanos.compareAndSet(0, System.nanoTime());
                log.info("client saw the worker go: {}", cause.toString());
            }
        };
        try (RecoveringSession session = RecoveringSession.start(
                client, CONFIG, supervisor.replacements(), RecoverySettings.defaults(), events, recovery)) {
            CompletableFuture<Void> streaming = CompletableFuture.runAsync(() -> {
                do {
                    stream(session, pcm);
                    run.passes.incrementAndGet();
                } while (!enough.getAsBoolean() && run.passes.get() < MAX_PASSES);
            });
            if (onLaterSentence != null) {
                assertThat(run.laterSentenceUnderWay.await(20, TimeUnit.SECONDS))
                        .isTrue();
                long sent = session.lastSequence();
                onLaterSentence.run();
                sentWhenKilled.complete(sent);
            }
            streaming.get(60L * MAX_PASSES, TimeUnit.SECONDS);
            run.stopped = session.stop();
            run.recoveries = session.recoveries();
        }
        return run;
    }

    private static void stream(RecoveringSession session, byte[] pcm) {
        try {
            new RealTimePacer(RATE, 1, CHUNK_MS, PACE).play(pcm, session::send);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSidecarGrowingPastItsMemoryCeilingIsReplacedInAPauseAndTheTranscriptStaysWhole() throws Exception {
        // A fresh scripted sidecar holds well under 200 MB; its "leak" then adds 160 MB within a couple of seconds.
        long ceiling = 200L << 20;
        SidecarCommandLine leaky = TestSidecars.scripted("leak");
        List<String> options = new java.util.ArrayList<>(leaky.jvmOptions());
        options.add("-Dscripted.leakMb=160");
        supervisor = SidecarSupervisor.start(
                TestSidecars.launch(leaky.withJvmOptions(options), Path.of("unused.bin")),
                FAST.withMaxRssBytes(ceiling),
                fallback -> {
                    throw new IllegalStateException("this test needs the sidecar replaced, not a fallback");
                },
                false,
                ClientSettings.defaults());
        long first = supervisor.sidecarPid().orElseThrow();
        ToneScript script = script();
        List<String> expected = script.sentences().stream()
                .map(words -> String.join(" ", words))
                .toList();

        try (VoiceWorkerClient client = new VoiceWorkerClient(supervisor.channel(), ClientSettings.defaults())) {
            // However slow the machine is at growing the leak and starting the replacement, the dictation goes on
            // (the script again) until the replacement took it over, and one pass further, spoken to the new worker.
            AtomicInteger passesWhenReplaced = new AtomicInteger(); // 1 once the pass that saw the replacement ended
            Run run = dictate(
                    client,
                    Pcm16.fromFloat(script.samples()),
                    null,
                    null,
                    () -> supervisor.memoryRestarts() > 0 && !passesWhenReplaced.compareAndSet(0, 1));

            assertThat(supervisor.memoryRestarts()).isPositive();
            assertThat(run.passes.get()).isLessThan(MAX_PASSES);
            assertThat(supervisor.sidecarPid().orElseThrow()).isNotEqualTo(first);
            List<String> spoken = new java.util.ArrayList<>();
            for (int pass = 0; pass < run.passes.get(); pass++) {
                spoken.addAll(expected);
            }
            assertThat(run.finals.stream().map(e -> e.getFinal().getText())).containsExactlyElementsOf(spoken);
            // Each move of the session followed a replacement (more may follow once the dictation is over).
            assertThat(run.recoveries).isNotEmpty().hasSizeLessThanOrEqualTo(supervisor.memoryRestarts());
            assertThat(supervisor.restarts()).as("no crash restarts").isZero();
            // Replaced between utterances: every speech start the replaced sidecar reported had its end reported too.
            for (RecoveryReport r : run.recoveries) {
                List<StreamEvent> fromReplaced = run.all.stream()
                        .filter(e -> e.getWorkerId().equals(r.lostWorkerId()))
                        .toList();
                assertThat(fromReplaced.stream()
                                .filter(StreamEvent::hasSpeechStarted)
                                .count())
                        .as("speech starts vs ends on %s", r.lostWorkerId())
                        .isEqualTo(fromReplaced.stream()
                                .filter(StreamEvent::hasSpeechEnded)
                                .count());
            }
        }
    }

    @Test
    void aSidecarKilledMidDictationLeavesTheTranscriptExactlyAsWithoutTheCrash() throws Exception {
        supervisor = SidecarSupervisor.start(
                TestSidecars.launch(TestSidecars.scripted("serve"), Path.of("unused.bin")),
                FAST,
                fallback -> {
                    throw new IllegalStateException("this test needs the sidecar restarted, not a fallback");
                },
                false,
                ClientSettings.defaults());
        ToneScript script = script();
        byte[] pcm = Pcm16.fromFloat(script.samples());
        assertThat(pcm.length % (RATE * CHUNK_MS / 1000 * 2)).isZero();
        List<String> expected = script.sentences().stream()
                .map(words -> String.join(" ", words))
                .toList();

        try (VoiceWorkerClient client = new VoiceWorkerClient(supervisor.channel(), ClientSettings.defaults())) {
            Run uncrashed = dictate(client, pcm, null, null);
            long victim = supervisor.sidecarPid().orElseThrow();
            assertThat(uncrashed.finals.stream().map(e -> e.getFinal().getText()))
                    .containsExactlyElementsOf(expected);
            assertThat(uncrashed.workerIds()).containsExactly("scripted-" + victim);

            CompletableFuture<Long> sentWhenKilled = new CompletableFuture<>();
            AtomicLong killedAtNanos = new AtomicLong();
            Run crashed = dictate(client, pcm, sentWhenKilled, () -> {
                killedAtNanos.set(System.nanoTime());
                assertThat(ProcessHandle.of(victim).orElseThrow().destroyForcibly())
                        .isTrue(); // SIGKILL
            });

            long replacement = supervisor.sidecarPid().orElseThrow();
            // The kill landed mid-dictation, after the first final, while a later sentence was being spoken.
            assertThat(sentWhenKilled.get()).isLessThan(pcm.length / (RATE * CHUNK_MS / 1000 * 2));
            assertThat(crashed.finals.get(0).getWorkerId()).isEqualTo("scripted-" + victim);
            assertThat(supervisor.restarts()).isEqualTo(1);
            assertThat(replacement).isNotEqualTo(victim);

            // Exactly once: every sentence, in order, no word lost or repeated — the same as without the crash.
            assertThat(crashed.transcript()).isEqualTo(uncrashed.transcript());
            assertThat(crashed.finals.stream().map(e -> e.getFinal().getText())).containsExactlyElementsOf(expected);
            assertThat(crashed.stopped)
                    .isEqualTo(
                            crashed.finals.stream().map(StreamEvent::getFinal).toList());
            assertThat(crashed.workerIds()).containsExactly("scripted-" + victim, "scripted-" + replacement);

            // Dictation time runs on across the replacement: ids count up, times never go back.
            assertThat(crashed.stopped).extracting(FinalSegment::getSegmentId).containsExactly(1, 2, 3, 4, 5, 6);
            for (int i = 1; i < crashed.stopped.size(); i++) {
                assertThat(crashed.stopped.get(i).getStartS())
                        .isGreaterThanOrEqualTo(crashed.stopped.get(i - 1).getEndS());
                assertThat(crashed.stopped.get(i).getUtteranceId())
                        .isGreaterThan(crashed.stopped.get(i - 1).getUtteranceId());
            }
            // Replays start on a final's end, which lies on the detector's 10-ms frame grid, and its decisions depend
            // only on the samples: the replacement reproduces the exact boundaries (a lost offset would shift them).
            assertThat(crashed.stopped)
                    .extracting(FinalSegment::getStartS, FinalSegment::getEndS)
                    .containsExactlyElementsOf(uncrashed.stopped.stream()
                            .map(f -> org.assertj.core.groups.Tuple.tuple(f.getStartS(), f.getEndS()))
                            .toList());

            // No live text of the victim is left dangling: its last live utterance was either finalized by the victim
            // or
            // withdrawn (an empty partial) before the replacement decoded that speech again under a new id.
            StreamEvent lastLive = crashed.partials.stream()
                    .filter(p -> p.getWorkerId().equals("scripted-" + victim))
                    .filter(p ->
                            !(p.getPartial().getStableText() + p.getPartial().getUnstableText()).isEmpty())
                    .reduce((a, b) -> b)
                    .orElseThrow();
            int liveUtterance = lastLive.getPartial().getUtteranceId();
            boolean finalizedByVictim = crashed.finals.stream()
                    .anyMatch(f -> f.getWorkerId().equals("scripted-" + victim)
                            && f.getFinal().getUtteranceId() == liveUtterance);
            List<StreamEvent> after =
                    crashed.partials.subList(crashed.partials.indexOf(lastLive) + 1, crashed.partials.size());
            assertThat(finalizedByVictim
                            || after.stream()
                                    .anyMatch(p -> p.getPartial().getUtteranceId() == liveUtterance
                                            && (p.getPartial().getStableText()
                                                            + p.getPartial().getUnstableText())
                                                    .isEmpty()))
                    .as("utterance %d of the victim finalized or withdrawn", liveUtterance)
                    .isTrue();
            log.info("victim's live utterance {} was {}", liveUtterance, finalizedByVictim ? "finalized" : "withdrawn");

            assertThat(crashed.recoveries).singleElement().satisfies(r -> {
                assertThat(r.lostWorkerId()).isEqualTo("scripted-" + victim);
                assertThat(r.newWorkerId()).isEqualTo("scripted-" + replacement);
                // The replay began exactly where the last final the victim delivered ended.
                StreamEvent lastBeforeKill = crashed.finals.stream()
                        .filter(e -> e.getWorkerId().equals("scripted-" + victim))
                        .reduce((a, b) -> b)
                        .orElseThrow();
                assertThat(r.replayFromS()).isEqualTo(lastBeforeKill.getFinal().getEndS());
                assertThat(r.replayedSeconds()).isPositive();
            });
            RecoveryReport report = crashed.recoveries.get(0);
            log.info(
                    "kill -9 → client detected the loss: {} ms; → new session on the restarted sidecar: {} ms; "
                            + "→ caught up ({} s replayed from {} s): {} ms",
                    (crashed.lostAtNanos.get() - killedAtNanos.get()) / 1_000_000,
                    report.toNewSession().toMillis(),
                    report.replayedSeconds(),
                    report.replayFromS(),
                    report.toCaughtUp().toMillis());
        }
    }
}
