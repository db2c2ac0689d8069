package dev.voiceconsole.audio;

/**
 * Conversion between interleaved signed 16-bit little-endian PCM bytes and float samples in [-1, 1).
 * Scaling uses 32768 in both directions so that every 16-bit value survives a round trip unchanged.
 */
public final class Pcm16 {

    private static final float TO_FLOAT = 1f / 32768f;

    private Pcm16() {}

    /** Decodes all of {@code pcm}; several channels are averaged into one. */
    public static float[] toMonoFloat(byte[] pcm, int channels) {
        return toMonoFloat(pcm, 0, pcm.length, channels);
    }

    /**
     * Decodes {@code length} bytes starting at {@code offset}; several channels are averaged into one.
     *
     * @throws IllegalArgumentException if the length is not a whole number of frames (2 bytes per channel)
     */
    public static float[] toMonoFloat(byte[] pcm, int offset, int length, int channels) {
        if (channels < 1) {
            throw new IllegalArgumentException("channel count must be at least 1, was " + channels);
        }
        if (offset < 0 || length < 0 || offset + length > pcm.length) {
            throw new IndexOutOfBoundsException("range " + offset + "+" + length + " outside " + pcm.length + " bytes");
        }
        int frameBytes = 2 * channels;
        if (length % frameBytes != 0) {
            throw new IllegalArgumentException("PCM16 byte count " + length + " is not a multiple of " + frameBytes
                    + " (2 bytes x " + channels + " channel" + (channels == 1 ? "" : "s") + ")");
        }
        int frames = length / frameBytes;
        float[] out = new float[frames];
        if (channels == 1) {
            for (int i = 0, p = offset; i < frames; i++, p += 2) {
                out[i] = (short) ((pcm[p] & 0xFF) | (pcm[p + 1] << 8)) * TO_FLOAT;
            }
            return out;
        }
        float scale = TO_FLOAT / channels;
        for (int i = 0, p = offset; i < frames; i++) {
            int sum = 0;
            for (int c = 0; c < channels; c++, p += 2) {
                sum += (short) ((pcm[p] & 0xFF) | (pcm[p + 1] << 8));
            }
            out[i] = sum * scale;
        }
        return out;
    }

    /** Encodes mono samples; values outside [-1, 1) are clipped rather than wrapped. */
    public static byte[] fromFloat(float[] mono) {
        byte[] out = new byte[mono.length * 2];
        for (int i = 0, p = 0; i < mono.length; i++, p += 2) {
            int s = toShort(mono[i]);
            out[p] = (byte) s;
            out[p + 1] = (byte) (s >> 8);
        }
        return out;
    }

    /** One float sample as a clipped, rounded 16-bit value. NaN becomes 0. */
    public static int toShort(float sample) {
        float scaled = sample * 32768f;
        if (scaled >= 32767f) {
            return 32767;
        }
        if (scaled <= -32768f) {
            return -32768;
        }
        return Math.round(scaled); // NaN rounds to 0
    }
}
