package dev.voiceconsole.worker.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceconsole.worker.policy.PolicyEvent.DecodeFailed;
import dev.voiceconsole.worker.policy.PolicyEvent.Decoded;
import dev.voiceconsole.worker.policy.PolicyEvent.Final;
import dev.voiceconsole.worker.policy.PolicyEvent.Partial;
import dev.voiceconsole.worker.policy.PolicyEvent.SpeechEnded;
import dev.voiceconsole.worker.policy.PolicyEvent.SpeechStarted;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OfflineTranscriptionPolicyTest {

    /** Three sentences whose pauses are too long to share a decode window. */
    private static ToneScript threeSentencesFarApart() {
        return new ToneScript()
                .gap(500)
                .sentence(400, 200, 2500, "alpha", "bravo", "charlie")
                .sentence(350, 200, 2500, "delta", "echo", "foxtrot", "golf")
                .sentence(450, 250, 800, "hotel", "india");
    }

    @Test
    void eachUtteranceIsDecodedExactlyOnce() {
        ToneScript script = threeSentencesFarApart();
        ToneWordEngine engine = new ToneWordEngine();
        PolicyDriver run = new PolicyDriver(PolicyFixtures.offlinePolicy(engine)).run(script.samples(), 20, 1);

        assertThat(run.finalWords()).isEqualTo(script.sentences());
        assertThat(engine.calls.get()).isEqualTo(3);
        assertThat(run.of(Partial.class)).isEmpty();
        List<Decoded> decodes = run.of(Decoded.class);
        assertThat(decodes).allSatisfy(d -> assertThat(d.finalDecode()).isTrue());
        for (int i = 1; i < decodes.size(); i++) {
            assertThat(decodes.get(i).audioStartS())
                    .isGreaterThanOrEqualTo(decodes.get(i - 1).audioEndS());
        }
        List<Final> finals = run.of(Final.class);
        assertThat(finals).extracting(Final::segmentId).containsExactly(1, 2, 3);
        PolicyFixtures.assertTimedOnTheirWords(finals, script);
    }

    @Test
    void seventySecondsOfContinuousSpeechAreSplitIntoWindowsBetweenWords() {
        Random random = new Random(11);
        ToneScript script = new ToneScript().gap(500);
        while (script.lengthSamples() < 16000L * 70) {
            script.word(LongStreamPolicyTest.randomWord(random, script.allWords()), 250 + random.nextInt(250))
                    .gap(150 + random.nextInt(150));
        }
        script.pause(1000);
        ToneWordEngine engine = new ToneWordEngine();
        PolicyDriver run = new PolicyDriver(PolicyFixtures.offlinePolicy(engine)).run(script.samples(), 20, 1);

        assertThat(engine.calls.get()).isEqualTo(3);
        assertThat(engine.samplesPerCall).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(30 * 16000));
        List<Decoded> decodes = run.of(Decoded.class);
        for (int i = 1; i < decodes.size(); i++) {
            assertThat(decodes.get(i).audioStartS())
                    .as("windows are contiguous, never overlapping")
                    .isEqualTo(decodes.get(i - 1).audioEndS());
        }
        List<String> all = run.finalWords().stream().flatMap(List::stream).toList();
        assertThat(all).isEqualTo(script.allWords());
    }

    @Test
    void flushDecodesTheRemainder() {
        ToneScript script =
                new ToneScript().gap(400).word("foxtrot", 400).gap(200).word("bravo", 400);
        ToneWordEngine engine = new ToneWordEngine();
        TranscriptionPolicy policy = PolicyFixtures.offlinePolicy(engine);
        policy.feed(script.samples());
        assertThat(policy.decodeIfDue()).isEmpty();
        assertThat(engine.calls.get()).isZero();
        List<PolicyEvent> flushed = policy.flush();
        assertThat(flushed.stream()
                        .filter(Final.class::isInstance)
                        .map(e -> ((Final) e).text())
                        .toList())
                .containsExactly("foxtrot bravo");
        assertThat(engine.calls.get()).isEqualTo(1);
    }

    @Test
    void engineFailureIsReportedAndTheNextUtteranceStillTranscribes() {
        ToneScript script = threeSentencesFarApart();
        ToneWordEngine engine = new ToneWordEngine().failingOn(call -> call == 1);
        PolicyDriver run = new PolicyDriver(PolicyFixtures.offlinePolicy(engine)).run(script.samples(), 20, 1);
        assertThat(run.of(DecodeFailed.class))
                .extracting(DecodeFailed::message)
                .containsExactly("scripted failure on call 1");
        assertThat(run.finalWords()).isEqualTo(script.sentences().subList(1, 3));
        assertThat(run.of(Final.class)).extracting(Final::segmentId).containsExactly(1, 2);
    }

    @Test
    void aDecodeInterruptedByTheWorkerClosingIsNoWarning() {
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        ch.qos.logback.classic.Logger log =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(DecodeContext.class);
        log.addAppender(logged);
        // What WhisperEngine does when the session thread is interrupted while it waits for a free decoder.
        dev.voiceconsole.engine.SpeechEngine closing = new dev.voiceconsole.engine.SpeechEngine() {
            @Override
            public dev.voiceconsole.engine.DecodeResult decode(
                    float[] samples, dev.voiceconsole.engine.DecodeRequest request)
                    throws dev.voiceconsole.engine.EngineException {
                Thread.currentThread().interrupt();
                throw new dev.voiceconsole.engine.EngineException("Interrupted while waiting for a free decoder");
            }

            @Override
            public dev.voiceconsole.engine.EngineInfo info() {
                return new ToneWordEngine().info();
            }

            @Override
            public void close() {}
        };
        try {
            PolicyDriver run = new PolicyDriver(
                            TranscriptionPolicies.create(PolicyFixtures.offline(), closing, PolicyFixtures.DETECTORS))
                    .run(threeSentencesFarApart().samples(), 20, 1);
            assertThat(run.of(DecodeFailed.class)).isNotEmpty();
            assertThat(logged.list)
                    .filteredOn(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN))
                    .isEmpty();
        } finally {
            Thread.interrupted();
            log.detachAppender(logged);
        }
    }

    @Test
    void utterancesSeparatedByShortPausesShareOneDecode() {
        ToneScript script = PolicyFixtures.threeSentences();
        ToneWordEngine engine = new ToneWordEngine();
        PolicyDriver run = new PolicyDriver(PolicyFixtures.offlinePolicy(engine)).run(script.samples(), 20, 1);

        List<SpeechStarted> starts = run.of(SpeechStarted.class);
        List<SpeechEnded> ends = run.of(SpeechEnded.class);
        assertThat(starts).as("the detector still sees three utterances").hasSize(3);
        assertThat(engine.calls.get()).isEqualTo(1);
        assertThat(run.of(Partial.class)).isEmpty();
        assertThat(run.finalWords()).containsExactly(script.allWords());
        Decoded decode = run.of(Decoded.class).get(0);
        Final only = run.of(Final.class).get(0);
        assertThat(decode.audioEndS()).isEqualTo(ends.get(2).streamTimeS());
        PolicyFixtures.assertTimedOnTheirWords(List.of(only), script);
        assertThat(only.utteranceId()).isEqualTo(1);
    }

    @Test
    void packedWindowsStayWithinWhispersWindowAndNeverOverlap() {
        Random random = new Random(5);
        ToneScript script = new ToneScript().gap(500);
        while (script.lengthSamples() < 16000L * 50) {
            String[] words = new String[3 + random.nextInt(3)];
            for (int i = 0; i < words.length; i++) {
                words[i] = ToneWordEngine.WORDS.get(random.nextInt(ToneWordEngine.WORDS.size()));
            }
            script.sentence(300 + random.nextInt(150), 200, 700 + random.nextInt(400), words);
        }
        ToneWordEngine engine = new ToneWordEngine();
        PolicyDriver run = new PolicyDriver(PolicyFixtures.offlinePolicy(engine)).run(script.samples(), 20, 1);

        assertThat(engine.calls.get()).isBetween(2, run.of(SpeechStarted.class).size() - 1);
        assertThat(engine.samplesPerCall).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(30 * 16000));
        List<Decoded> decodes = run.of(Decoded.class);
        for (int i = 1; i < decodes.size(); i++) {
            assertThat(decodes.get(i).audioStartS())
                    .isGreaterThanOrEqualTo(decodes.get(i - 1).audioEndS());
        }
        assertThat(run.finalWords().stream().flatMap(List::stream).toList()).isEqualTo(script.allWords());
    }

    @Test
    void aWindowIsDecodedOnceNoLaterSpeechCanJoinIt() {
        ToneWordEngine engine = new ToneWordEngine();
        TranscriptionPolicy policy = PolicyFixtures.offlinePolicy(engine);
        policy.feed(new ToneScript()
                .gap(400)
                .sentence(400, 200, 1000, "alpha", "bravo")
                .samples());
        assertThat(policy.decodeIfDue())
                .as("speech may still follow within the pause limit")
                .isEmpty();
        assertThat(engine.calls.get()).isZero();

        policy.feed(new ToneScript().gap(3000).samples());
        List<PolicyEvent> decoded = policy.decodeIfDue();
        assertThat(engine.calls.get()).isEqualTo(1);
        assertThat(decoded)
                .filteredOn(Final.class::isInstance)
                .extracting(e -> ((Final) e).text())
                .containsExactly("alpha bravo");
        assertThat(policy.flush()).isEmpty();
        assertThat(engine.calls.get()).isEqualTo(1);
    }
}
