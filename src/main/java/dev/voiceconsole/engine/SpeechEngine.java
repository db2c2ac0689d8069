package dev.voiceconsole.engine;

/**
 * Speech-to-text over 16 kHz mono float samples. Implementations are thread-safe: the worker calls
 * {@link #decode} from several session threads at once (each call gets its own native state).
 */
public interface SpeechEngine extends AutoCloseable {

    /**
     * Decodes one buffer of audio.
     *
     * @param samples 16 kHz mono samples in [-1, 1]; never modified
     * @throws EngineException when the native decode fails; the engine stays usable
     */
    DecodeResult decode(float[] samples, DecodeRequest request) throws EngineException;

    EngineInfo info();

    @Override
    void close();
}
