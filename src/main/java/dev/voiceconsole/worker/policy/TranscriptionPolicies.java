package dev.voiceconsole.worker.policy;

import dev.voiceconsole.engine.SpeechEngine;

/** Picks the policy a session's settings ask for. */
public final class TranscriptionPolicies {

    private TranscriptionPolicies() {}

    /**
     * The live or offline policy the settings ask for, with a speech detector of its own.
     *
     * @param detectors makes the session's own detector (detectors keep per-stream state)
     */
    public static TranscriptionPolicy create(
            PolicySettings settings, SpeechEngine engine, SpeechDetectorFactory detectors) {
        SpeechDetector detector = detectors.create(settings.vad());
        return settings.live()
                ? new LiveTranscriptionPolicy(settings, engine, detector)
                : new OfflineTranscriptionPolicy(settings, engine, detector);
    }
}
