package dev.voiceconsole.worker;

import dev.voiceconsole.audio.Pcm16;
import dev.voiceconsole.audio.Resampler;

/** The production converter: interleaved PCM16 → mono float → 16 kHz through the anti-aliasing resampler. */
public final class ResamplingAudioConverter implements AudioConverter {

    private final int channels;
    private final Resampler resampler;

    public ResamplingAudioConverter(int sampleRateHz, int channels) {
        this.channels = channels;
        this.resampler = Resampler.create(sampleRateHz, 16_000);
    }

    @Override
    public float[] convert(byte[] pcm16le) {
        return resampler.process(Pcm16.toMonoFloat(pcm16le, channels));
    }

    @Override
    public float[] flush() {
        return resampler.flush();
    }
}
