package dev.voiceconsole.engine;

/**
 * How the whisper engine uses the machine.
 *
 * @param threads inference threads per decode
 * @param maxConcurrentDecodes native decode states; more sessions than this wait for a free one
 * @param useGpu ask whisper.cpp for its GPU backend (only meaningful with a GPU build in the library dir)
 */
public record WhisperEngineSettings(int threads, int maxConcurrentDecodes, boolean useGpu) {

    public WhisperEngineSettings {
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("threads must be 1..64, was " + threads);
        }
        if (maxConcurrentDecodes < 1 || maxConcurrentDecodes > 32) {
            throw new IllegalArgumentException("concurrent decodes must be 1..32, was " + maxConcurrentDecodes);
        }
    }

    public static WhisperEngineSettings defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new WhisperEngineSettings(Math.max(1, Math.min(4, cores)), 2, false);
    }

    public WhisperEngineSettings withThreads(int value) {
        return new WhisperEngineSettings(value, maxConcurrentDecodes, useGpu);
    }

    public WhisperEngineSettings withMaxConcurrentDecodes(int value) {
        return new WhisperEngineSettings(threads, value, useGpu);
    }
}
