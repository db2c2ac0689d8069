package dev.voiceconsole.capture.source;

import java.io.IOException;

/**
 * Where dictation audio comes from: the microphone in production, a WAV file for testers and tests. The UI only
 * sees blocks of PCM16LE, so any capture implementation can be plugged in without the UI knowing it.
 */
public interface AudioSource {

    /** Receives captured audio on the source's own thread; must return quickly (capture must never stall). */
    interface Consumer {
        /**
         * One block of captured audio, in capture order.
         *
         * @param pcm16le       interleaved signed 16-bit little endian samples
         * @param captureTimeUs epoch micros when the block's first sample was captured
         * @param levelDbfs     RMS level of the block in dBFS (-inf .. 0)
         */
        void onBlock(byte[] pcm16le, long captureTimeUs, float levelDbfs);

        /** The source ran out of audio (end of a file) or failed; {@code error} is null at a normal end. */
        default void onEnd(Exception error) {}
    }

    /** Starts delivering blocks to {@code consumer}; returns at once. */
    void start(Consumer consumer) throws IOException;

    /** Stops delivering; no block arrives after this returns. Idempotent. */
    void stop();

    int sampleRate();

    /**
     * Blocks this source discarded so far because its consumer fell behind (the microphone's hand-off queue was
     * full); the count stays readable after {@link #stop()}. Sources that never drop say 0.
     */
    default long droppedBlocks() {
        return 0;
    }

    default int channels() {
        return 1;
    }

    /** What the source is, for the status line (e.g. "file speech.wav"). */
    String description();
}
