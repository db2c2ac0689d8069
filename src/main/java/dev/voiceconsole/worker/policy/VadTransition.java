package dev.voiceconsole.worker.policy;

/**
 * A change of speech state found by {@link VoiceActivityDetector}.
 *
 * @param samplePosition for START: where the utterance audio begins (onset minus pre-roll, never below 0);
 *                       for END: where it ends (end of the last speech frame plus a short tail), reported only
 *                       once the hang-over has elapsed
 */
public record VadTransition(Kind kind, long samplePosition) {
    public enum Kind {
        START,
        END
    }
}
