package dev.voiceconsole.worker;

/**
 * Turns one session's interleaved PCM16LE chunks into 16 kHz mono float samples. Stateful (a streaming
 * resampler keeps history between chunks), so every session gets its own instance; driven by one thread.
 */
public interface AudioConverter {

    /** Converts one chunk; may return fewer (or no) samples while the resampler fills its history. */
    float[] convert(byte[] pcm16le);

    /** End of audio: the samples still held back. */
    float[] flush();
}
