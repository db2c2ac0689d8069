package dev.voiceconsole.worker;

/**
 * Creates a session's {@link AudioConverter} for its input format. The composition root wires it to
 * {@code audio.Pcm16.toMonoFloat} followed by {@code audio.Resampler.create(rate, 16000)}.
 */
@FunctionalInterface
public interface AudioConverterFactory {
    AudioConverter create(int sampleRateHz, int channels);
}
