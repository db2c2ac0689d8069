package dev.voiceconsole.worker;

import dev.voiceconsole.worker.policy.PolicySettings;
import dev.voiceconsole.worker.policy.TranscriptionPolicy;

/**
 * Creates the transcription policy of a new session (live or offline, per {@link PolicySettings#live()}).
 * The composition root wires it to the real policies and the shared speech engine.
 */
@FunctionalInterface
public interface PolicyFactory {
    TranscriptionPolicy create(PolicySettings settings);
}
