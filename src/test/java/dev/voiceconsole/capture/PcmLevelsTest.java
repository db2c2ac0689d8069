package dev.voiceconsole.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.voiceconsole.audio.Pcm16;
import dev.voiceconsole.audio.TestSignals;
import org.junit.jupiter.api.Test;

class PcmLevelsTest {

    @Test
    void sineLevelsFollowTheirAmplitude() {
        byte[] pcm = Pcm16.fromFloat(TestSignals.tone(1000, 0.02, 48000, 0.5));

        PcmLevels levels = PcmLevels.of(pcm, 0, pcm.length);

        assertThat(levels.peakDbfs()).isCloseTo(-6.02f, within(0.05f));
        assertThat(levels.rmsDbfs()).isCloseTo(-9.03f, within(0.05f));
    }

    @Test
    void fullScaleSquareWaveIsZeroDbfs() {
        float[] square = new float[320];
        for (int i = 0; i < square.length; i++) {
            square[i] = (i / 8) % 2 == 0 ? 1f : -1f;
        }
        byte[] pcm = Pcm16.fromFloat(square);

        PcmLevels levels = PcmLevels.of(pcm, 0, pcm.length);

        assertThat(levels.rmsDbfs()).isCloseTo(0f, within(0.01f));
        assertThat(levels.peakDbfs()).isCloseTo(0f, within(0.01f));
    }

    @Test
    void digitalSilenceSitsOnTheFloorInsteadOfMinusInfinity() {
        PcmLevels levels = PcmLevels.of(new byte[640], 0, 640);

        assertThat(levels.rmsDbfs()).isEqualTo(PcmLevels.FLOOR_DBFS);
        assertThat(levels.peakDbfs()).isEqualTo(PcmLevels.FLOOR_DBFS);
    }

    @Test
    void oneLeastSignificantBitIsAboveTheFloor() {
        byte[] pcm = {1, 0, -1, -1};

        PcmLevels levels = PcmLevels.of(pcm, 0, pcm.length);

        assertThat(levels.peakDbfs()).isCloseTo(-90.31f, within(0.01f));
        assertThat(levels.rmsDbfs()).isCloseTo(-90.31f, within(0.01f));
    }
}
