package dev.voiceconsole.worker.policy;

/**
 * How live text is decoded and committed.
 *
 * @param stepMs re-decode interval of the current utterance (audio time)
 * @param maxUtteranceMs an utterance this long is finalized even if the speaker goes on
 * @param promptMaxChars how much recent committed text is carried as the decoder prompt
 */
public record CommitSettings(
        int stepMs,
        int maxUtteranceMs,
        float noSpeechThreshold,
        float logprobThreshold,
        float entropyThreshold,
        int promptMaxChars) {

    public static CommitSettings defaults() {
        return new CommitSettings(300, 15_000, 0.6f, -1.0f, 2.4f, 200);
    }

    public CommitSettings {
        if (stepMs < 50 || stepMs > 5000) {
            throw new IllegalArgumentException("commit step must be 50..5000 ms, was " + stepMs);
        }
        if (maxUtteranceMs < 1000 || maxUtteranceMs > 30_000) {
            throw new IllegalArgumentException(
                    "max utterance must be 1000..30000 ms (whisper's window), was " + maxUtteranceMs);
        }
        if (noSpeechThreshold <= 0 || noSpeechThreshold > 1) {
            throw new IllegalArgumentException("no-speech threshold must be in (0, 1], was " + noSpeechThreshold);
        }
        if (logprobThreshold >= 0) {
            throw new IllegalArgumentException("log-prob threshold must be negative, was " + logprobThreshold);
        }
        if (entropyThreshold <= 0) {
            throw new IllegalArgumentException("entropy threshold must be positive, was " + entropyThreshold);
        }
        if (promptMaxChars < 0 || promptMaxChars > 1000) {
            throw new IllegalArgumentException("prompt length must be 0..1000 characters, was " + promptMaxChars);
        }
    }
}
