package dev.voiceconsole.worker.policy;

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
}
