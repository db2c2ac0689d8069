package dev.voiceconsole.worker.policy;

/** Makes one fresh detector per session (detectors carry per-stream state). */
@FunctionalInterface
public interface SpeechDetectorFactory {
    SpeechDetector create(VadSettings settings);
}
