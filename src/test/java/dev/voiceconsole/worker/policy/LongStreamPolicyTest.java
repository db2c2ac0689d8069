package dev.voiceconsole.worker.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceconsole.testing.WorkerTest;
import dev.voiceconsole.worker.policy.PolicyEvent.Decoded;
import dev.voiceconsole.worker.policy.PolicyEvent.Final;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Ten minutes of scripted dictation pushed through the live policy as fast as the CPU allows. */
@WorkerTest
class LongStreamPolicyTest {

    /** A word fragment at least this long at a buffer edge is heard by the tone engine (it needs a quarter block). */
    private static final long AUDIBLE_SAMPLES = 200;
    /** Fragments between these lengths are too close to the engine's limit to predict. */
    private static final long UNCERTAIN_FROM = 130;

    private static final long UNCERTAIN_TO = 280;

    @Test
    void tenMinutesWithALongMonologueStayWithinTheCapAndTranscribeEveryWord() {
        ToneScript script = tenMinuteScript(new Random(7));
        CommitSettings commit = CommitSettings.defaults();
        ToneWordEngine engine = new ToneWordEngine();
        PolicyDriver run = new PolicyDriver(
                        TranscriptionPolicies.create(PolicyFixtures.live(commit), engine, PolicyFixtures.DETECTORS))
                .run(script.samples(), 20, 1);

        long capSamples = commit.maxUtteranceMs() * 16L;
        assertThat(engine.samplesPerCall)
                .isNotEmpty()
                .allSatisfy(n -> assertThat((long) n).isLessThanOrEqualTo(capSamples));
        assertThat(engine.maxInFlight.get()).isEqualTo(1);

        List<Final> finals = run.of(Final.class);
        // A final is timed on its words, which fill a capped utterance but for the detector's pre-roll.
        long almostCap = capSamples - 16000;
        assertThat(finals.stream()
                        .map(f -> Math.round((f.endS() - f.startS()) * 16000))
                        .filter(n -> n > almostCap && n <= capSamples)
                        .count())
                .as("the 40-s monologue was cut at the cap")
                .isGreaterThanOrEqualTo(2);

        // Each final holds exactly the scripted words audible in its own stretch of audio, in order.
        List<String> heard = new ArrayList<>();
        for (Final f : finals) {
            long from = Math.round(f.startS() * 16000);
            long to = Math.round(f.endS() * 16000);
            List<String> expected = new ArrayList<>();
            for (ToneScript.WordSpan w : script.spans()) {
                long overlap = Math.min(to, w.end()) - Math.max(from, w.start());
                assertThat(overlap > UNCERTAIN_FROM && overlap < UNCERTAIN_TO)
                        .as(
                                "word %s cut too close to the engine's limit (%d samples heard); change the seed",
                                w, overlap)
                        .isFalse();
                if (overlap >= AUDIBLE_SAMPLES) {
                    expected.add(w.word());
                }
            }
            assertThat(PolicyDriver.normalized(f.text())).as("final %s", f).isEqualTo(expected);
            heard.addAll(expected);
        }
        assertThat(heard).as("every scripted word is in some final").containsSubsequence(script.allWords());

        // Decodes follow audio steps: about one per step of utterance audio plus one final each, far below chunk count.
        double utteranceSeconds =
                finals.stream().mapToDouble(f -> f.endS() - f.startS()).sum();
        double hangoverS = VadSettings.defaults().hangoverMs() / 1000.0;
        long maxDecodes =
                (long) ((utteranceSeconds + finals.size() * hangoverS) * 1000 / commit.stepMs()) + 2L * finals.size();
        assertThat(run.of(Decoded.class)).hasSize(engine.calls.get());
        assertThat((long) engine.calls.get())
                .isLessThanOrEqualTo(maxDecodes)
                .isLessThan(script.lengthSamples() / 320 / 10);
    }

    private static ToneScript tenMinuteScript(Random random) {
        ToneScript script = new ToneScript().gap(1000);
        boolean monologueDone = false;
        while (script.lengthSamples() < 16000L * 590) {
            if (!monologueDone && script.lengthSamples() > 16000L * 240) {
                long monologueEnd = script.lengthSamples() + 16000L * 40;
                while (script.lengthSamples() < monologueEnd) {
                    script.word(randomWord(random, script.allWords()), 250 + random.nextInt(200))
                            .gap(150 + random.nextInt(100));
                }
                script.pause(1500);
                monologueDone = true;
                continue;
            }
            int words = 2 + random.nextInt(5);
            for (int i = 0; i < words; i++) {
                if (i > 0) {
                    script.gap(150 + random.nextInt(100));
                }
                script.word(randomWord(random, script.allWords()), 250 + random.nextInt(200));
            }
            script.pause(700 + random.nextInt(1800));
        }
        return script;
    }

    /** A random word, never the previous one: the hallucination guard rightly collapses "x x x" loops. */
    static String randomWord(Random random, List<String> sofar) {
        String last = sofar.isEmpty() ? "" : sofar.get(sofar.size() - 1);
        String word;
        do {
            word = ToneWordEngine.WORDS.get(random.nextInt(ToneWordEngine.WORDS.size()));
        } while (word.equals(last));
        return word;
    }
}
