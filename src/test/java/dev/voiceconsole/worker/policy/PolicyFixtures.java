package dev.voiceconsole.worker.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Settings and detectors shared by the policy tests. */
final class PolicyFixtures {

    static final SpeechDetectorFactory DETECTORS = ThresholdSpeechDetector::new;

    private PolicyFixtures() {}

    static PolicySettings live() {
        return PolicySettings.liveDefaults();
    }

    static PolicySettings live(CommitSettings commit) {
        return new PolicySettings(true, "en", false, "", List.of(), VadSettings.defaults(), commit);
    }

    static PolicySettings offline() {
        return new PolicySettings(false, "en", false, "", List.of(), VadSettings.defaults(), CommitSettings.defaults());
    }

    static TranscriptionPolicy livePolicy(ToneWordEngine engine) {
        return TranscriptionPolicies.create(live(), engine, DETECTORS);
    }

    static TranscriptionPolicy offlinePolicy(ToneWordEngine engine) {
        return TranscriptionPolicies.create(offline(), engine, DETECTORS);
    }

    /** Three short sentences separated by pauses longer than the hang-over. */
    static ToneScript threeSentences() {
        return new ToneScript()
                .gap(500)
                .sentence(400, 200, 1000, "alpha", "bravo", "charlie")
                .sentence(350, 200, 1000, "delta", "echo", "foxtrot", "golf")
                .sentence(450, 250, 800, "hotel", "india");
    }

    /**
     * Each final starts at its first word and ends with its last, to the tone engine's 50-ms block: finals take
     * whisper's segment times, not the detector's padded utterance.
     */
    static void assertTimedOnTheirWords(List<PolicyEvent.Final> finals, ToneScript script) {
        double block = ToneWordEngine.BLOCK / 16_000.0;
        List<ToneScript.WordSpan> spans = script.spans();
        int k = 0;
        for (PolicyEvent.Final f : finals) {
            int words = PolicyDriver.normalized(f.text()).size();
            double start = spans.get(k).start() / 16_000.0;
            double end = spans.get(k + words - 1).end() / 16_000.0;
            assertThat(f.startS()).as("start of %s", f.text()).isBetween(start - block, start + block);
            assertThat(f.endS()).as("end of %s", f.text()).isBetween(end - block, end + block);
            k += words;
        }
    }
}
