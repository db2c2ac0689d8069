package dev.voiceconsole.audio;

/**
 * A decoded WAV file.
 *
 * @param sampleRate rate of {@code samples}
 * @param channels   channel count of the file (the samples are already averaged down to one channel)
 * @param samples    mono samples in [-1, 1]; the array is shared, not copied (it can be hundreds of MB)
 * @param truncated  the file ended before the size its data chunk declared; {@code samples} holds what was there
 */
@SuppressWarnings("ArrayRecordComponent") // hundreds of MB of samples: shared as a float[], never boxed or copied
public record WavAudio(int sampleRate, int channels, float[] samples, boolean truncated) {

    public WavAudio(int sampleRate, int channels, float[] samples) {
        this(sampleRate, channels, samples, false);
    }

    public double durationSeconds() {
        return (double) samples.length / sampleRate;
    }

    @Override
    public String toString() {
        return "WavAudio[" + sampleRate + " Hz, " + channels + " ch, " + samples.length + " samples ("
                + String.format("%.3f", durationSeconds()) + " s)" + (truncated ? ", truncated" : "") + "]";
    }
}
