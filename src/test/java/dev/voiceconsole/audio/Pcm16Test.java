package dev.voiceconsole.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Pcm16Test {

    @Test
    void everySixteenBitValueSurvivesARoundTrip() {
        byte[] pcm = new byte[65536 * 2];
        for (int v = -32768, p = 0; v <= 32767; v++, p += 2) {
            pcm[p] = (byte) v;
            pcm[p + 1] = (byte) (v >> 8);
        }
        assertThat(Pcm16.fromFloat(Pcm16.toMonoFloat(pcm, 1))).isEqualTo(pcm);
    }

    @Test
    void decodesLittleEndianSigned() {
        byte[] pcm = {0x00, 0x40, 0x00, (byte) 0x80, (byte) 0xFF, 0x7F};
        assertThat(Pcm16.toMonoFloat(pcm, 1)).containsExactly(0.5f, -1f, 32767f / 32768f);
    }

    @Test
    void stereoIsAveraged() {
        byte[] pcm = {0x00, 0x40, 0x00, 0x20, 0x00, (byte) 0xC0, 0x00, 0x40};
        assertThat(Pcm16.toMonoFloat(pcm, 2)).containsExactly(0.375f, 0f);
    }

    @Test
    void offsetVariantDecodesOnlyTheRange() {
        byte[] pcm = {1, 2, 0x00, 0x40, 3};
        assertThat(Pcm16.toMonoFloat(pcm, 2, 2, 1)).containsExactly(0.5f);
    }

    @Test
    void partialFrameIsRefused() {
        assertThatThrownBy(() -> Pcm16.toMonoFloat(new byte[6], 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a multiple of 4");
        assertThatThrownBy(() -> Pcm16.toMonoFloat(new byte[3], 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void outOfRangeFloatsClipInsteadOfWrapping() {
        assertThat(Pcm16.toMonoFloat(Pcm16.fromFloat(new float[] {1.5f, -3f, 1f, Float.NaN}), 1))
                .containsExactly(32767f / 32768f, -1f, 32767f / 32768f, 0f);
    }
}
