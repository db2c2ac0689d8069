package dev.voiceconsole.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavWriterTest {

    @TempDir
    Path dir;

    @Test
    void incrementalWriterPatchesSizesOnClose() throws IOException {
        Path file = dir.resolve("rec.wav");
        float[] a = TestSignals.tone(300, 0.25, 16000, 0.3);
        float[] b = TestSignals.whiteNoise(0.5, 16000, 0.05, 2);
        try (WavWriter w = WavWriter.create(file, 16000, 1)) {
            w.append(a);
            w.append(b);
        }
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer h = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int dataBytes = 2 * (a.length + b.length);
        assertThat(h.getInt(4)).isEqualTo(36 + dataBytes);
        assertThat(h.getInt(40)).isEqualTo(dataBytes);
        assertThat(WavReader.read(file).samples())
                .isEqualTo(Pcm16.toMonoFloat(Pcm16.fromFloat(TestSignals.concat(a, b)), 1));
    }

    @Test
    void headerDescribesSixteenBitPcm() {
        byte[] wav = WavWriter.toBytes(48000, 2, new float[4]);
        ByteBuffer h = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(wav, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(new String(wav, 8, 8, StandardCharsets.US_ASCII)).isEqualTo("WAVEfmt ");
        assertThat(h.getShort(20)).isEqualTo((short) 1);
        assertThat(h.getShort(22)).isEqualTo((short) 2);
        assertThat(h.getInt(24)).isEqualTo(48000);
        assertThat(h.getInt(28)).isEqualTo(48000 * 4);
        assertThat(h.getShort(32)).isEqualTo((short) 4);
        assertThat(h.getShort(34)).isEqualTo((short) 16);
        assertThat(wav).hasSize(44 + 8);
    }

    @Test
    void partialFramesAndBadParametersAreRefused() {
        assertThatThrownBy(() -> WavWriter.toBytes(16000, 2, new float[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not whole frames");
        assertThatThrownBy(() -> WavWriter.write(dir.resolve("x.wav"), 0, new float[1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sample rate");
    }
}
