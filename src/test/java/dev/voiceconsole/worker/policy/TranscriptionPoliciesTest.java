package dev.voiceconsole.worker.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptionPoliciesTest {

    @Test
    void picksThePolicyTheSettingsAskForWithAFreshDetectorEach() {
        List<VadSettings> asked = new ArrayList<>();
        SpeechDetectorFactory factory = vad -> {
            asked.add(vad);
            return new ThresholdSpeechDetector(vad);
        };
        ToneWordEngine engine = new ToneWordEngine();
        assertThat(TranscriptionPolicies.create(PolicyFixtures.live(), engine, factory))
                .isInstanceOf(LiveTranscriptionPolicy.class);
        assertThat(TranscriptionPolicies.create(PolicyFixtures.offline(), engine, factory))
                .isInstanceOf(OfflineTranscriptionPolicy.class);
        assertThat(asked)
                .containsExactly(
                        PolicyFixtures.live().vad(), PolicyFixtures.offline().vad());
    }
}
