package dev.voiceconsole.worker.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NonSpeechInputTest {

    @ParameterizedTest(name = "live = {0}")
    @ValueSource(booleans = {true, false})
    void silenceNoiseAndClicksNeverReachTheEngine(boolean live) {
        ToneScript script = new ToneScript().gap(30_000).noise(30_000, 0.002f, 3);
        for (int i = 0; i < 10; i++) {
            // Tone bursts shorter than the detector's minimum speech: clicks, not words.
            script.word("charlie", 60).gap(940);
        }
        ToneWordEngine engine = new ToneWordEngine();
        TranscriptionPolicy policy = live ? PolicyFixtures.livePolicy(engine) : PolicyFixtures.offlinePolicy(engine);
        PolicyDriver run = new PolicyDriver(policy).run(script.samples(), 20, 1);

        assertThat(engine.calls.get()).isZero();
        assertThat(run.events).isEmpty();
        assertThat(policy.samplesFed()).isEqualTo(script.lengthSamples());
    }
}
