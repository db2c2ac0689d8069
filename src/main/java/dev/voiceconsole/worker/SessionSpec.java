package dev.voiceconsole.worker;

import dev.voiceconsole.worker.policy.PolicySettings;
import java.util.Optional;

/**
 * A validated session configuration.
 *
 * @param sampleRateHz input rate of the client's PCM (16000 or 48000)
 * @param channels 1 or 2 (stereo is downmixed)
 * @param ttsVoice stored for clients that configure speech output; nothing is synthesized yet
 */
public record SessionSpec(int sampleRateHz, int channels, PolicySettings policy, Optional<TtsVoice> ttsVoice) {

    public record TtsVoice(String voice, float speakingRate, float pitchSemitones) {}

    /** Bytes of PCM16 per second of input audio. */
    public long bytesPerSecond() {
        return 2L * channels * sampleRateHz;
    }
}
