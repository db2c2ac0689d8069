package dev.voiceconsole.audio;

import static dev.voiceconsole.audio.WavBytes.le;
import static dev.voiceconsole.audio.WavBytes.wave;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavReaderTest {

    @TempDir
    Path dir;

    private static WavAudio read(byte[] wav) throws IOException {
        return WavReader.read(new ByteArrayInputStream(wav), "clip.wav");
    }

    private static void assertRefused(byte[] wav, String message) {
        assertThatThrownBy(() -> read(wav))
                .isInstanceOf(InvalidAudioException.class)
                .hasMessage("clip.wav " + message);
    }

    @Test
    void writtenMonoFileReadsBackSampleExact() throws IOException {
        float[] tone = TestSignals.tone(440, 0.5, 16000, 0.7);
        Path file = dir.resolve("tone.wav");
        WavWriter.write(file, 16000, tone);

        WavAudio audio = WavReader.read(file);

        assertThat(audio.sampleRate()).isEqualTo(16000);
        assertThat(audio.channels()).isEqualTo(1);
        assertThat(audio.truncated()).isFalse();
        assertThat(audio.durationSeconds()).isEqualTo(0.5);
        assertThat(audio.samples()).isEqualTo(Pcm16.toMonoFloat(Pcm16.fromFloat(tone), 1));
        assertThat(Files.size(file)).isEqualTo(44 + 2L * tone.length);
    }

    @Test
    void stereoIsAveragedToMono() throws IOException {
        float[] left = {0.5f, -0.25f, 0f};
        float[] right = {0.25f, -0.25f, 0.5f};
        WavAudio audio = read(WavWriter.toBytes(44100, 2, TestSignals.interleave(left, right)));
        assertThat(audio.channels()).isEqualTo(2);
        assertThat(audio.samples()).containsExactly(0.375f, -0.25f, 0.25f);
    }

    @Test
    void eightBitIsUnsigned() throws IOException {
        WavAudio audio = read(wave().fmt(1, 1, 8000, 8)
                .chunk("data", new byte[] {(byte) 128, 0, (byte) 192})
                .bytes());
        assertThat(audio.samples()).containsExactly(0f, -1f, 0.5f);
    }

    @Test
    void twentyFourBitIsSignExtended() throws IOException {
        byte[] data = {0x00, 0x00, 0x40, 0x00, 0x00, (byte) 0x80, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        WavAudio audio = read(wave().fmt(1, 1, 48000, 24).chunk("data", data).bytes());
        assertThat(audio.samples()).containsExactly(0.5f, -1f, -1f / 8388608f);
    }

    @Test
    void thirtyTwoBitInteger() throws IOException {
        byte[] data = le(8).putInt(0x40000000).putInt(Integer.MIN_VALUE).array();
        assertThat(read(wave().fmt(1, 1, 96000, 32).chunk("data", data).bytes()).samples())
                .containsExactly(0.5f, -1f);
    }

    @Test
    void floatThirtyTwoAndSixtyFour() throws IOException {
        byte[] f32 = le(8).putFloat(0.25f).putFloat(-0.75f).array();
        assertThat(read(wave().fmt(3, 1, 22050, 32).chunk("data", f32).bytes()).samples())
                .containsExactly(0.25f, -0.75f);
        byte[] f64 = le(16).putDouble(0.125).putDouble(-1).array();
        assertThat(read(wave().fmt(3, 1, 22050, 64).chunk("data", f64).bytes()).samples())
                .containsExactly(0.125f, -1f);
    }

    @Test
    void waveFormatExtensibleUsesItsSubFormat() throws IOException {
        byte[] pcm24 = {0x00, 0x00, 0x40, 0x00, 0x00, (byte) 0xC0};
        WavAudio stereo24 = read(
                wave().fmtExtensible(1, 2, 48000, 24, 24).chunk("data", pcm24).bytes());
        assertThat(stereo24.samples()).containsExactly(0f);
        byte[] f32 = le(4).putFloat(0.5f).array();
        assertThat(read(wave().fmtExtensible(3, 1, 48000, 32, 32)
                                .chunk("data", f32)
                                .bytes())
                        .samples())
                .containsExactly(0.5f);
    }

    @Test
    void unknownChunksAndOddPadBytesAreSkipped() throws IOException {
        byte[] data = le(4).putShort((short) 16384).putShort((short) -16384).array();
        byte[] wav = wave().chunk("JUNK", new byte[7])
                .fmt(1, 1, 16000, 16)
                .chunk("LIST", "INFOISFT\u0005\u0000\u0000\u0000Lavf\u0000".getBytes(StandardCharsets.US_ASCII))
                .chunk("fact", new byte[4])
                .chunk("data", data)
                .chunk("id3 ", new byte[3])
                .bytes();
        assertThat(read(wav).samples()).containsExactly(0.5f, -0.5f);
    }

    @Test
    void moreThanTwoChannelsAreAveraged() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        for (int c = 0; c < 6; c++) {
            b.putShort((short) (c < 3 ? 16384 : 0));
        }
        assertThat(read(wave().fmt(1, 6, 48000, 16).chunk("data", b.array()).bytes())
                        .samples())
                .containsExactly(0.25f);
    }

    @Test
    void truncatedDataIsReadAsFarAsItGoesAndFlagged() throws IOException {
        byte[] wav = wave().fmt(1, 1, 16000, 16)
                .rawChunk("data", 320000, new byte[1000], false)
                .bytes();
        WavAudio audio = read(wav);
        assertThat(audio.truncated()).isTrue();
        assertThat(audio.samples()).hasSize(500);
    }

    @Test
    void openEndedDataSizeReadsToEndOfFile() throws IOException {
        byte[] wav = wave().fmt(1, 1, 16000, 16)
                .rawChunk("data", 0xFFFFFFFFL, new byte[1001], false)
                .bytes();
        WavAudio audio = read(wav);
        assertThat(audio.truncated()).isFalse();
        assertThat(audio.samples()).hasSize(500);
    }

    @Test
    void nonWavInputIsRefusedInPlainWords() {
        assertRefused(
                "ID3\u0004 MP3 file...".getBytes(StandardCharsets.US_ASCII), "is not a WAV file (no RIFF header)");
        assertRefused(new byte[0], "is empty");
        assertRefused(wave().form("AVI ").bytes(), "is a RIFF file but not WAVE audio (form type 'AVI ')");
        assertRefused(wave().magic("RF64").bytes(), "uses the RF64 (over 4 GB) WAV variant, which is not supported");
    }

    @Test
    void compressedFormatsAreNamed() {
        assertRefused(
                wave().fmt(0x55, 2, 44100, 0).chunk("data", new byte[10]).bytes(),
                "uses compressed format 0x0055 (MP3); only PCM WAV is supported");
        assertRefused(
                wave().fmt(0x11, 1, 8000, 4).chunk("data", new byte[10]).bytes(),
                "uses compressed format 0x0011 (IMA ADPCM); only PCM WAV is supported");
        assertRefused(
                wave().fmtExtensible(0x0002, 1, 8000, 4, 4)
                        .chunk("data", new byte[10])
                        .bytes(),
                "uses compressed format 0x0002 (MS ADPCM); only PCM WAV is supported");
    }

    @Test
    void structuralProblemsAreRefused() {
        assertRefused(wave().fmt(1, 1, 16000, 16).chunk("LIST", new byte[4]).bytes(), "has no data chunk");
        assertRefused(wave().chunk("LIST", new byte[4]).bytes(), "has no fmt chunk (no audio format description)");
        assertRefused(
                wave().chunk("data", new byte[4]).fmt(1, 1, 16000, 16).bytes(),
                "has its data chunk before the fmt chunk, so its audio format is unknown");
        assertRefused(
                wave().fmt(1, 1, 16000, 16)
                        .rawChunk("LIST", 5000, new byte[10], false)
                        .bytes(),
                "ends inside its 'LIST' chunk, before any audio data");
    }

    @Test
    void unsupportedParametersAreRefused() {
        assertRefused(
                wave().fmt(1, 1, 4000, 16).chunk("data", new byte[2]).bytes(),
                "has a sample rate of 4000 Hz; 8000 to 192000 Hz are supported");
        assertRefused(
                wave().fmt(1, 1, 16000, 12).chunk("data", new byte[2]).bytes(),
                "uses 12-bit integer samples; supported are 8/16/24/32-bit integer and 32/64-bit float");
        assertRefused(
                wave().fmt(1, 0, 16000, 16).chunk("data", new byte[2]).bytes(),
                "declares 0 channels; 1 to 32 are supported");
    }

    @Test
    void fileErrorsNameTheFile() throws IOException {
        Path bogus = dir.resolve("notes.wav");
        Files.writeString(bogus, "hello");
        assertThatThrownBy(() -> WavReader.read(bogus))
                .isInstanceOf(InvalidAudioException.class)
                .hasMessage("notes.wav is not a WAV file (no RIFF header)");
        assertThatThrownBy(() -> WavReader.read(dir.resolve("missing.wav"))).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> WavReader.read(dir))
                .isInstanceOf(InvalidAudioException.class)
                .hasMessageContaining("is a directory");
    }

    @Test
    void readAs16kMonoResamplesStereoFortyEightKilohertz() throws IOException {
        float[] left = TestSignals.tone(1000, 2.0, 48000, 0.5);
        float[] right = TestSignals.tone(1000, 2.0, 48000, 0.5);
        Path file = dir.resolve("stereo48.wav");
        WavWriter.write(file, 48000, 2, TestSignals.interleave(left, right));

        WavAudio audio = WavReader.readAs16kMono(file);

        assertThat(audio.sampleRate()).isEqualTo(16000);
        assertThat(audio.channels()).isEqualTo(2);
        assertThat(audio.samples()).hasSize(32000);
        ToneMeasure.Fit fit = ToneMeasure.fit(audio.samples(), 16000, 1000, 1000, 31000);
        assertThat(fit.amplitude()).isCloseTo(0.5, within(0.001));
        assertThat(ToneMeasure.db(fit.residualRms() / 0.5)).isLessThan(-60);
    }

    @Test
    void streamingReadDeliversBlocksAndReportsDeclaredLength() throws IOException {
        float[] noise = TestSignals.whiteNoise(3.0, 44100, 0.1, 9);
        Path file = dir.resolve("noise.wav");
        WavWriter.write(file, 44100, noise);
        try (WavStream s = WavReader.open(file)) {
            assertThat(s.format()).isEqualTo(new WavFormat(44100, 1, 16, false));
            assertThat(s.declaredFrames()).isEqualTo(noise.length);
            float[] block = new float[1000];
            long total = 0;
            int n;
            while ((n = s.read(block)) >= 0) {
                assertThat(n).isPositive().isLessThanOrEqualTo(1000);
                total += n;
            }
            assertThat(total).isEqualTo(noise.length);
            assertThat(s.truncated()).isFalse();
        }
    }
}
