package dev.voiceconsole.audio;

/**
 * The sample layout of a WAV file's data chunk.
 *
 * @param bitsPerSample container size of one sample: 8 (unsigned), 16, 24 or 32 (signed integer), or 32/64 (float)
 */
public record WavFormat(int sampleRate, int channels, int bitsPerSample, boolean floatingPoint) {

    public int bytesPerFrame() {
        return channels * bitsPerSample / 8;
    }

    @Override
    public String toString() {
        return sampleRate + " Hz, " + channels + (channels == 1 ? " channel, " : " channels, ") + bitsPerSample
                + "-bit " + (floatingPoint ? "float" : "PCM");
    }
}
