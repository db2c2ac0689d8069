package dev.voiceconsole.worker.policy;

import java.util.List;

/**
 * What the policies need from voice activity detection. Kept as a small interface so the policies can be tested
 * with a deterministic detector; {@code VoiceActivityDetector} has exactly these two methods and implements it.
 */
public interface SpeechDetector {

    /**
     * Consumes the next 16 kHz mono samples of the stream.
     *
     * @return transitions in stream order; positions are absolute sample positions (see {@link VadTransition})
     */
    List<VadTransition> process(float[] samples);

    /** True between a START and its END. */
    boolean inSpeech();
}
