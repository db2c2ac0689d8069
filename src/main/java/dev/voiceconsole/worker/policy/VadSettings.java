package dev.voiceconsole.worker.policy;

/**
 * Voice activity detection knobs.
 *
 * @param energyThresholdDb how far (dB) a frame's energy must rise above the tracked noise floor to count as speech
 * @param preRollMs audio kept before the onset so first syllables are not clipped
 * @param hangoverMs silence tolerated inside speech before it is declared ended
 * @param minSpeechMs bursts shorter than this (clicks) never start speech
 */
public record VadSettings(float energyThresholdDb, int preRollMs, int hangoverMs, int minSpeechMs) {

    public static VadSettings defaults() {
        return new VadSettings(12f, 300, 400, 120);
    }

    public VadSettings {
        if (energyThresholdDb <= 0 || energyThresholdDb > 60) {
            throw new IllegalArgumentException("VAD energy threshold must be in (0, 60] dB, was " + energyThresholdDb);
        }
        if (preRollMs < 0 || preRollMs > 2000) {
            throw new IllegalArgumentException("VAD pre-roll must be 0..2000 ms, was " + preRollMs);
        }
        if (hangoverMs < 50 || hangoverMs > 5000) {
            throw new IllegalArgumentException("VAD hang-over must be 50..5000 ms, was " + hangoverMs);
        }
        if (minSpeechMs < 0 || minSpeechMs > 2000) {
            throw new IllegalArgumentException("VAD minimum speech must be 0..2000 ms, was " + minSpeechMs);
        }
    }
}
