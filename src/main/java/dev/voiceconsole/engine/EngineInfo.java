package dev.voiceconsole.engine;

/**
 * What health reports about the loaded engine.
 *
 * @param backendKind "CPU" or "GPU"
 * @param libraryDir directory the native library came from, or "bundled"
 */
public record EngineInfo(
        String modelName, String modelType, String backendKind, String systemInfo, String libraryDir, int threads) {}
