package dev.voiceconsole.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class TestSignalsTest {

    @Test
    void speechLikeIsDeterministicPerSeed() {
        assertThat(TestSignals.speechLike(5, 16000, 1)).isEqualTo(TestSignals.speechLike(5, 16000, 1));
        assertThat(TestSignals.speechLike(5, 16000, 1)).isNotEqualTo(TestSignals.speechLike(5, 16000, 2));
    }

    @Test
    void speechLikeBurstsAndPausesHaveSpeechLikeDurationsAndLevel() {
        TestSignals.SpeechLike s = TestSignals.speechLikeLabelled(60, 16000, 5);
        List<TestSignals.Utterance> u = s.utterances();
        assertThat(u).hasSizeGreaterThan(15);
        assertThat(u.get(0).startSeconds(16000)).isBetween(0.3, 1.0);
        int previousEnd = 0;
        for (TestSignals.Utterance utterance : u) {
            double length = (utterance.endSample() - utterance.startSample()) / 16000.0;
            assertThat(length).isBetween(0.3, 2.0);
            if (previousEnd > 0) {
                assertThat((utterance.startSample() - previousEnd) / 16000.0).isBetween(0.3, 1.0);
            }
            // Pauses are digital silence; bursts are loud throughout (no gap longer than a syllable dip).
            assertThat(ToneMeasure.rms(s.samples(), previousEnd, utterance.startSample()))
                    .isZero();
            double burstDb =
                    ToneMeasure.db(ToneMeasure.rms(s.samples(), utterance.startSample(), utterance.endSample()));
            assertThat(burstDb).isBetween(-26.0, -20.0);
            previousEnd = utterance.endSample();
        }
        assertThat(s.samples().length - previousEnd).isGreaterThanOrEqualTo(4800);
    }

    @Test
    void basicSignalsHaveTheRequestedLevels() {
        assertThat(ToneMeasure.rms(TestSignals.whiteNoise(2, 16000, 0.1, 3), 0, 32000))
                .isCloseTo(0.1, within(0.002));
        float[] tone = TestSignals.tone(1000, 1, 16000, 0.5);
        assertThat(ToneMeasure.fit(tone, 16000, 1000, 0, tone.length).amplitude())
                .isCloseTo(0.5, within(1e-6));
        assertThat(TestSignals.silence(0.5, 8000)).hasSize(4000).containsOnly(0f);
        float[] clicks = TestSignals.clicks(1, 16000, 0.5, 5, 0.8);
        int nonZero = 0;
        for (float v : clicks) {
            nonZero += v != 0 ? 1 : 0;
        }
        assertThat(nonZero).isEqualTo(2 * 80);
        assertThat(TestSignals.dbfs(-20)).isCloseTo(0.1, within(1e-12));
    }
}
