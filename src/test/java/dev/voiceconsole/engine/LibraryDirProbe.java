package dev.voiceconsole.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Run in a fresh JVM by {@link NativeLibraryDirTest} (a native library loads once per JVM): loads the model given as
 * the only argument, decodes, and prints marker lines the test parses. Exit 2 on an engine error.
 */
public final class LibraryDirProbe {
    private LibraryDirProbe() {}

    public static void main(String[] args) throws IOException {
        try (WhisperEngine engine = WhisperEngine.load(Path.of(args[0]), new WhisperEngineSettings(1, 1, false))) {
            DecodeResult result = engine.decode(TestAudio.tone(1.5, 440, 0.4), DecodeRequest.defaults());
            System.out.println("LIBRARY_DIR=" + engine.info().libraryDir());
            // what the OS actually mapped, not what we were told
            try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
                maps.map(line -> line.substring(line.indexOf('/') < 0 ? line.length() : line.indexOf('/')))
                        .filter(path -> path.contains("libwhisper") || path.contains("libggml"))
                        .distinct()
                        .forEach(path -> System.out.println("MAPPED=" + path));
            }
            System.out.println(
                    "DECODE_OK segments=" + result.segments().size() + " inferenceMs=" + result.inferenceMs());
        } catch (EngineException e) {
            System.out.println("ENGINE_ERROR=" + e.getMessage());
            System.exit(2);
        }
    }
}
