package dev.voiceconsole.engine;

import java.util.Arrays;

/**
 * Sizes whisper's encoder window to the audio actually present.
 *
 * <p>whisper's encoder always looks at 30 s (1500 positions after its stride-2 convolution over 100 mel frames per
 * second, i.e. 50 positions per second). For live dictation the buffers are a few seconds long, and encoding 30 s of
 * padding dominates the cost, so each decode asks for only {@code ceil(seconds * 50)} positions plus a margin of
 * {@value #MARGIN_POSITIONS} (1.28 s of trailing silence, which lets the decoder place end timestamps instead of
 * cutting words at the edge), rounded up to a multiple of {@value #ROUND_TO} and capped at the model's maximum.
 * Audio that fills the whole window gets the model default.
 *
 * <p>whisper.cpp silently returns nothing for input shorter than 1 s (it compares the mel length, which for exactly
 * 16000 samples comes out at 99 frames, against 100), so shorter audio is padded with silence to
 * {@value #MIN_SAMPLES} samples.
 */
final class EncoderWindow {
    static final int SAMPLE_RATE = 16_000;
    static final int POSITIONS_PER_SECOND = 50;
    static final int MARGIN_POSITIONS = 64;
    static final int ROUND_TO = 64;
    /** 1.1 s: comfortably above whisper.cpp's 1 s minimum. */
    static final int MIN_SAMPLES = 17_600;

    private EncoderWindow() {}

    /**
     * The encoder positions to ask whisper for, as sized in the class comment.
     *
     * @return the audio_ctx for {@code sampleCount} samples (after padding), or 0 for "the model default" when the
     *         audio needs the full window
     */
    static int audioCtxFor(int sampleCount, int modelAudioCtx) {
        long positions = ((long) sampleCount * POSITIONS_PER_SECOND + SAMPLE_RATE - 1) / SAMPLE_RATE;
        long wanted = (positions + MARGIN_POSITIONS + ROUND_TO - 1) / ROUND_TO * ROUND_TO;
        return wanted >= modelAudioCtx ? 0 : (int) wanted;
    }

    /** The samples, or a zero-padded copy when they are shorter than whisper.cpp processes. */
    static float[] padToMinimum(float[] samples) {
        return samples.length >= MIN_SAMPLES ? samples : Arrays.copyOf(samples, MIN_SAMPLES);
    }
}
