package dev.voiceconsole.worker.policy;

import static dev.voiceconsole.worker.policy.PolicyFixtures.threeSentences;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceconsole.worker.policy.PolicyEvent.DecodeFailed;
import dev.voiceconsole.worker.policy.PolicyEvent.Decoded;
import dev.voiceconsole.worker.policy.PolicyEvent.Final;
import dev.voiceconsole.worker.policy.PolicyEvent.Partial;
import dev.voiceconsole.worker.policy.PolicyEvent.SpeechEnded;
import dev.voiceconsole.worker.policy.PolicyEvent.SpeechStarted;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LiveTranscriptionPolicyTest {

    @ParameterizedTest(name = "decorated spelling = {0}")
    @ValueSource(booleans = {false, true})
    void sentencesBecomeFinalsInOrderAndStableTextOnlyGrows(boolean decorated) {
        ToneScript script = threeSentences();
        ToneWordEngine engine = decorated ? new ToneWordEngine().decorated() : new ToneWordEngine();
        PolicyDriver run = new PolicyDriver(PolicyFixtures.livePolicy(engine)).run(script.samples(), 20, 1);

        assertThat(run.finalWords()).isEqualTo(script.sentences());
        List<Final> finals = run.of(Final.class);
        assertThat(finals).extracting(Final::segmentId).containsExactly(1, 2, 3);
        assertThat(finals).extracting(Final::utteranceId).isSorted().doesNotHaveDuplicates();
        assertThat(run.of(SpeechStarted.class)).hasSize(3);
        assertThat(run.of(SpeechEnded.class)).hasSize(3);

        Map<Integer, List<Partial>> partials = new LinkedHashMap<>();
        run.of(Partial.class)
                .forEach(p -> partials.computeIfAbsent(p.utteranceId(), k -> new ArrayList<>())
                        .add(p));
        assertThat(partials.keySet())
                .containsExactlyElementsOf(
                        finals.stream().map(Final::utteranceId).toList());
        for (Final f : finals) {
            List<Partial> ps = partials.get(f.utteranceId());
            for (int i = 1; i < ps.size(); i++) {
                List<String> before = Words.split(ps.get(i - 1).stableText());
                List<String> after = Words.split(ps.get(i).stableText());
                assertThat(after.size()).as("stable text never shrinks").isGreaterThanOrEqualTo(before.size());
                assertThat(after.subList(0, before.size()))
                        .as("stable text never retracts")
                        .isEqualTo(before);
                assertThat(ps.get(i)).as("no identical partials in a row").isNotEqualTo(ps.get(i - 1));
            }
            String lastStable = ps.get(ps.size() - 1).stableText();
            assertThat(lastStable).as("something was committed before the end").isNotEmpty();
            assertThat(f.text()).startsWith(lastStable);
        }
    }

    @Test
    void finalTimesAreStreamTimesOfTheWords() {
        ToneScript script = threeSentences();
        PolicyDriver run =
                new PolicyDriver(PolicyFixtures.livePolicy(new ToneWordEngine())).run(script.samples(), 20, 1);
        List<Final> finals = run.of(Final.class);
        assertThat(finals).hasSize(3).allSatisfy(f -> assertThat(f.hasScores()).isFalse());
        PolicyFixtures.assertTimedOnTheirWords(finals, script);
    }

    @Test
    void promptCarriesInitialPromptVocabularyAndTheTextSaidBeforeTheUtterance() {
        PolicySettings settings = new PolicySettings(
                true,
                "en",
                false,
                "Dictation.",
                List.of("VoiceConsole", "gRPC"),
                VadSettings.defaults(),
                CommitSettings.defaults());
        ToneWordEngine engine = new ToneWordEngine();
        new PolicyDriver(TranscriptionPolicies.create(settings, engine, PolicyFixtures.DETECTORS))
                .run(threeSentences().samples(), 20, 1);

        assertThat(engine.prompts).allSatisfy(p -> assertThat(p).startsWith("Dictation. VoiceConsole, gRPC"));
        // The last sentence's final decode follows the two sentences before it; its own committed words are in the
        // audio being decoded, so a prompt holding them would tell whisper they were said before it (it then
        // repeats or skips them).
        assertThat(engine.prompts.get(engine.prompts.size() - 1))
                .isEqualTo("Dictation. VoiceConsole, gRPC alpha bravo charlie delta echo foxtrot golf");
        assertThat(engine.prompts).noneMatch(p -> p.contains("india"));
    }

    @Test
    void noSpeechScoresSuppressTextWhileGoodScoresPassWithTheirValues() {
        ToneScript script = threeSentences();
        ToneWordEngine silent = new ToneWordEngine().withScores(0.9f, -1.5f);
        PolicyDriver suppressed = new PolicyDriver(PolicyFixtures.livePolicy(silent)).run(script.samples(), 20, 1);
        assertThat(silent.calls.get()).isPositive();
        assertThat(suppressed.of(Decoded.class))
                .isNotEmpty()
                .allSatisfy(d -> assertThat(d.text()).isEmpty());
        assertThat(suppressed.of(Final.class)).isEmpty();
        assertThat(suppressed.of(Partial.class)).isEmpty();

        PolicyDriver passed = new PolicyDriver(PolicyFixtures.livePolicy(new ToneWordEngine().withScores(0.05f, -0.3f)))
                .run(script.samples(), 20, 1);
        assertThat(passed.finalWords()).isEqualTo(script.sentences());
        assertThat(passed.of(Final.class)).allSatisfy(f -> {
            assertThat(f.hasScores()).isTrue();
            assertThat(f.avgLogprob()).isEqualTo(-0.3f);
            assertThat(f.noSpeechProb()).isEqualTo(0.05f);
        });
    }

    @Test
    void feedNeverDecodesAndAPendingEndIsFinalizedByTheNextDecodeIfDue() {
        ToneScript script = new ToneScript().gap(300).sentence(400, 200, 1500, "echo", "golf");
        ToneWordEngine engine = new ToneWordEngine();
        TranscriptionPolicy policy = PolicyFixtures.livePolicy(engine);
        List<PolicyEvent> fed = policy.feed(script.samples());
        assertThat(engine.calls.get()).isZero();
        assertThat(fed).hasSize(2).first().isInstanceOf(SpeechStarted.class);
        assertThat(fed.get(1)).isInstanceOf(SpeechEnded.class);

        List<PolicyEvent> decoded = policy.decodeIfDue();
        assertThat(engine.calls.get()).isEqualTo(1);
        assertThat(decoded).hasSize(2);
        assertThat(((Decoded) decoded.get(0)).finalDecode()).isTrue();
        assertThat(((Final) decoded.get(1)).text()).isEqualTo("echo golf");
        assertThat(policy.decodeIfDue()).isEmpty();
        assertThat(policy.flush()).isEmpty();
    }

    @Test
    void flushFinalizesSpeechThatIsStillGoing() {
        ToneScript script =
                new ToneScript().gap(300).word("delta", 400).gap(200).word("india", 400);
        PolicyDriver run =
                new PolicyDriver(PolicyFixtures.livePolicy(new ToneWordEngine())).run(script.samples(), 20, 1);
        assertThat(run.finalWords()).containsExactly(List.of("delta", "india"));
        assertThat(run.events.get(run.events.size() - 1)).isInstanceOf(Final.class);
        assertThat(run.of(SpeechEnded.class))
                .singleElement()
                .extracting(SpeechEnded::streamTimeS)
                .isEqualTo(script.lengthSamples() / 16000.0);
    }

    @Test
    void decodesCoverTheNewestAudioAndStaleStepsAreSkipped() {
        ToneScript script = new ToneScript().gap(300);
        for (int i = 0; i < 20; i++) {
            script.word(ToneWordEngine.WORDS.get(i % 10), 400).gap(200);
        }
        script.pause(1000);
        int stepMs = CommitSettings.defaults().stepMs();

        // Every 20-ms chunk followed by decodeIfDue: decodes track audio steps, not chunks.
        ToneWordEngine everyChunk = new ToneWordEngine();
        PolicyDriver eager = new PolicyDriver(PolicyFixtures.livePolicy(everyChunk)).run(script.samples(), 20, 1);
        Final utterance = eager.of(Final.class).get(0);
        double speechS = utterance.endS() - utterance.startS();
        long partialDecodes =
                eager.of(Decoded.class).stream().filter(d -> !d.finalDecode()).count();
        double hangoverS = VadSettings.defaults().hangoverMs() / 1000.0;
        assertThat(partialDecodes)
                .isBetween((long) (speechS * 1000 / stepMs) - 1, (long) ((speechS + hangoverS) * 1000 / stepMs) + 1);
        assertThat(everyChunk.maxInFlight.get()).isEqualTo(1);

        // 500 ms of audio between calls (more than one step): one decode per call, always up to the newest sample.
        ToneWordEngine lagging = new ToneWordEngine();
        TranscriptionPolicy policy = PolicyFixtures.livePolicy(lagging);
        float[] audio = script.samples();
        List<PolicyEvent> events = new ArrayList<>();
        int calls = 0;
        for (int off = 0; off < audio.length; off += 320) {
            events.addAll(policy.feed(Arrays.copyOfRange(audio, off, Math.min(audio.length, off + 320))));
            if ((off / 320 + 1) % 25 == 0) {
                List<PolicyEvent> out = policy.decodeIfDue();
                calls++;
                assertThat(out.stream().filter(e -> e instanceof Decoded).count())
                        .isLessThanOrEqualTo(1);
                out.stream()
                        .filter(e -> e instanceof Decoded d && !d.finalDecode())
                        .map(Decoded.class::cast)
                        .forEach(d -> assertThat(d.audioEndS()).isEqualTo(policy.samplesFed() / 16000.0));
                events.addAll(out);
            }
        }
        events.addAll(policy.flush());
        long lazyPartials = events.stream()
                .filter(e -> e instanceof Decoded d && !d.finalDecode())
                .count();
        assertThat(lazyPartials)
                .isLessThanOrEqualTo((long) ((speechS + hangoverS) * 2) + 1)
                .isLessThan(partialDecodes * 3 / 4)
                .isLessThanOrEqualTo(calls);
        assertThat(events.stream()
                        .filter(Final.class::isInstance)
                        .map(f -> PolicyDriver.normalized(((Final) f).text()))
                        .toList())
                .isEqualTo(script.sentences());
    }

    @Test
    void engineFailureIsReportedAndLaterUtterancesStillTranscribe() {
        AtomicBoolean failing = new AtomicBoolean(true);
        ToneWordEngine engine = new ToneWordEngine().failingOn(call -> failing.get());
        TranscriptionPolicy policy = PolicyFixtures.livePolicy(engine);
        PolicyDriver first = new PolicyDriver(policy);
        ToneScript broken = new ToneScript().gap(300).sentence(400, 200, 1000, "juliet", "alpha", "golf");
        int chunk = 320;
        float[] audio = broken.samples();
        for (int off = 0; off < audio.length; off += chunk) {
            first.events.addAll(policy.feed(Arrays.copyOfRange(audio, off, Math.min(audio.length, off + chunk))));
            first.events.addAll(policy.decodeIfDue());
        }
        assertThat(first.of(DecodeFailed.class))
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(f -> assertThat(f.message()).startsWith("scripted failure on call"));
        assertThat(first.of(Final.class)).isEmpty();
        assertThat(first.of(Decoded.class)).isEmpty();

        failing.set(false);
        ToneScript rest = threeSentences();
        PolicyDriver later = new PolicyDriver(policy).run(rest.samples(), 20, 1);
        assertThat(later.finalWords()).isEqualTo(rest.sentences());
        assertThat(later.of(Final.class)).extracting(Final::segmentId).containsExactly(1, 2, 3);
    }
}
