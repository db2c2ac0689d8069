package dev.voiceconsole.engine;

import java.nio.file.Path;

/** Run in a child JVM by {@link NativeLibraryDirTest}: a native library loads once per JVM, so each case needs its own. */
public final class LibraryDirProbe {

    public static void main(String[] args) throws Exception {
        try (WhisperEngine engine = WhisperEngine.load(Path.of(args[0]), new WhisperEngineSettings(1, 1, false))) {
            DecodeResult result = engine.decode(new float[16_000], DecodeRequest.defaults());
            System.out.println("libraryDir=" + engine.info().libraryDir());
            System.out.println("decoded in " + result.inferenceMs() + " ms");
        } catch (EngineException e) {
            System.out.println("error=" + e.getMessage());
            System.exit(3);
        }
    }
}
