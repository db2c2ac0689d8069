package dev.voiceconsole.engine;

/**
 * How a {@link WhisperEngine} runs.
 *
 * @param threads CPU threads per decode
 * @param maxConcurrentDecodes native decoder states, i.e. decodes that may run at once; more callers wait
 * @param useGpu ask whisper.cpp for a GPU backend; only has an effect with a GPU build of the native library
 */
public record WhisperEngineSettings(int threads, int maxConcurrentDecodes, boolean useGpu) {

    public WhisperEngineSettings {
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("threads must be 1..256, was " + threads);
        }
        if (maxConcurrentDecodes < 1 || maxConcurrentDecodes > 64) {
            throw new IllegalArgumentException("maxConcurrentDecodes must be 1..64, was " + maxConcurrentDecodes);
        }
    }

    /** min(4, cores) threads, 2 concurrent decodes, CPU. */
    public static WhisperEngineSettings defaults() {
        return new WhisperEngineSettings(Math.min(4, Runtime.getRuntime().availableProcessors()), 2, false);
    }

    public WhisperEngineSettings withThreads(int value) {
        return new WhisperEngineSettings(value, maxConcurrentDecodes, useGpu);
    }

    public WhisperEngineSettings withMaxConcurrentDecodes(int value) {
        return new WhisperEngineSettings(threads, value, useGpu);
    }

    public WhisperEngineSettings withUseGpu(boolean value) {
        return new WhisperEngineSettings(threads, maxConcurrentDecodes, value);
    }
}
