package dev.voiceconsole.worker;

import dev.voiceconsole.engine.EngineInfo;

/** Test fixtures: word-carrying PCM chunks and a stand-in converter until the real resampler is wired. */
public final class TestAudio {

    public static final EngineInfo ENGINE =
            new EngineInfo("scripted", "test", "CPU", "no native code", "bundled", 2, false);

    private TestAudio() {}

    /** {@code frames} frames whose every sample has the value {@code wordId} (0 = silence). */
    public static byte[] wordChunk(int wordId, int frames, int channels) {
        byte[] pcm = new byte[frames * channels * 2];
        for (int i = 0; i < frames * channels; i++) {
            pcm[2 * i] = (byte) wordId;
            pcm[2 * i + 1] = (byte) (wordId >> 8);
        }
        return pcm;
    }

    /** PCM16LE → mono floats, and 48 kHz → 16 kHz by keeping every third frame (good enough for constant chunks). */
    public static AudioConverterFactory converters() {
        return (rate, channels) -> new AudioConverter() {
            @Override
            public float[] convert(byte[] pcm) {
                int step = rate / 16000;
                int frames = pcm.length / (2 * channels);
                float[] out = new float[(frames + step - 1) / step];
                for (int f = 0, o = 0; f < frames; f += step, o++) {
                    float sum = 0;
                    for (int c = 0; c < channels; c++) {
                        int i = 2 * (f * channels + c);
                        sum += (short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8)) / 32768f;
                    }
                    out[o] = sum / channels;
                }
                return out;
            }

            @Override
            public float[] flush() {
                return new float[0];
            }
        };
    }
}
