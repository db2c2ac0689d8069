package dev.voiceconsole.worker.policy;

import dev.voiceconsole.worker.policy.PolicyEvent.Decoded;
import dev.voiceconsole.worker.policy.PolicyEvent.DecodeFailed;
import dev.voiceconsole.worker.policy.PolicyEvent.Final;
import dev.voiceconsole.worker.policy.PolicyEvent.Partial;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class OfflineTranscriptionPolicyTest {

    @Test
    void eachUtteranceIsDecodedExactlyOnce() {
        ToneScript script = PolicyFixtures.threeSentences();
        ToneWordEngine engine = new ToneWordEngine();
        PolicyDriver run = new PolicyDriver(PolicyFixtures.offlinePolicy(engine)).run(script.samples(), 20, 1);

        assertThat(run.finalWords()).isEqualTo(script.sentences());
        assertThat(engine.calls.get()).isEqualTo(3);
        assertThat(run.of(Partial.class)).isEmpty();
        List<Decoded> decodes = run.of(Decoded.class);
        assertThat(decodes).allSatisfy(d -> assertThat(d.finalDecode()).isTrue());
        for (int i = 1; i < decodes.size(); i++) {
            assertThat(decodes.get(i).audioStartS()).isGreaterThanOrEqualTo(decodes.get(i - 1).audioEndS());
        }
        List<Final> finals = run.of(Final.class);
        assertThat(finals).extracting(Final::segmentId).containsExactly(1, 2, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(finals.get(i).startS()).isEqualTo(decodes.get(i).audioStartS());
            assertThat(finals.get(i).endS()).isEqualTo(decodes.get(i).audioEndS());
        }
    }

    @Test
    void seventySecondsOfContinuousSpeechAreSplitIntoWindowsBetweenWords() {
        Random random = new Random(11);
        ToneScript script = new ToneScript().gap(500);
        while (script.lengthSamples() < 16000L * 70) {
            script.word(LongStreamPolicyTest.randomWord(random, script.allWords()), 250 + random.nextInt(250)).gap(150 + random.nextInt(150));
        }
        script.pause(1000);
        ToneWordEngine engine = new ToneWordEngine();
        PolicyDriver run = new PolicyDriver(PolicyFixtures.offlinePolicy(engine)).run(script.samples(), 20, 1);

        assertThat(engine.calls.get()).isEqualTo(3);
        assertThat(engine.samplesPerCall).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(30 * 16000));
        List<Decoded> decodes = run.of(Decoded.class);
        for (int i = 1; i < decodes.size(); i++) {
            assertThat(decodes.get(i).audioStartS()).as("windows are contiguous, never overlapping")
                    .isEqualTo(decodes.get(i - 1).audioEndS());
        }
        List<String> all = run.finalWords().stream().flatMap(List::stream).toList();
        assertThat(all).isEqualTo(script.allWords());
    }

    @Test
    void flushDecodesTheRemainder() {
        ToneScript script = new ToneScript().gap(400).word("foxtrot", 400).gap(200).word("bravo", 400);
        ToneWordEngine engine = new ToneWordEngine();
        TranscriptionPolicy policy = PolicyFixtures.offlinePolicy(engine);
        policy.feed(script.samples());
        assertThat(policy.decodeIfDue()).isEmpty();
        assertThat(engine.calls.get()).isZero();
        List<PolicyEvent> flushed = policy.flush();
        assertThat(flushed.stream().filter(Final.class::isInstance).map(e -> ((Final) e).text()).toList())
                .containsExactly("foxtrot bravo");
        assertThat(engine.calls.get()).isEqualTo(1);
    }

    @Test
    void engineFailureIsReportedAndTheNextUtteranceStillTranscribes() {
        ToneScript script = PolicyFixtures.threeSentences();
        ToneWordEngine engine = new ToneWordEngine().failingOn(call -> call == 1);
        PolicyDriver run = new PolicyDriver(PolicyFixtures.offlinePolicy(engine)).run(script.samples(), 20, 1);
        assertThat(run.of(DecodeFailed.class)).extracting(DecodeFailed::message).containsExactly("scripted failure on call 1");
        assertThat(run.finalWords()).isEqualTo(script.sentences().subList(1, 3));
        assertThat(run.of(Final.class)).extracting(Final::segmentId).containsExactly(1, 2);
    }
}
