package dev.voiceconsole.engine;

/**
 * What health reports about the loaded engine.
 *
 * @param backendKind "CPU" or "GPU"
 * @param libraryDir directory the native library came from, or "bundled"
 * @param weightless the model has no weight tensors (a test model): it hears speech but yields no text
 */
public record EngineInfo(
        String modelName,
        String modelType,
        String backendKind,
        String systemInfo,
        String libraryDir,
        int threads,
        boolean weightless) {}
