package dev.voiceconsole.engine;

import io.github.givimad.whisperjni.WhisperJNI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A GPU build of whisper.cpp reaches the app as a directory named by a system property. GPU execution cannot be
 * verified on these machines; what is proven here is that the directory is honoured: a copy of the CPU library placed
 * there is the one that loads, and a directory without the library is refused by name instead of silently ignored.
 */
class NativeLibraryDirTest {

    private static final List<String> LIBRARIES = List.of("libwhisper-jni.so", "libwhisper.so.1", "libggml.so");

    @TempDir
    Path dir;

    @Test
    void copiedLibraryInTheLibraryDirIsTheOneThatLoads() throws Exception {
        Path libs = Files.createDirectory(dir.resolve("custom-whisper"));
        copyBundledLibrariesTo(libs);
        ProbeResult result = probe(libs);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("libraryDir=" + libs.toAbsolutePath()).contains("decoded in ");
    }

    @Test
    void libraryDirWithoutTheLibraryIsRefusedByName() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty-dir"));
        ProbeResult result = probe(empty);
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.output()).contains("error=whisper library directory " + empty + " has no libwhisper-jni.so");
    }

    private record ProbeResult(int exitCode, String output) {
    }

    private ProbeResult probe(Path libraryDir) throws Exception {
        Path model = WeightlessModelWriter.write(dir.resolve("tiny.bin"), WeightlessModelWriter.Hparams.tinyEn());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-D" + NativeWhisperLibrary.LIBRARY_DIR_PROPERTY + "=" + libraryDir,
                LibraryDirProbe.class.getName(), model.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new ProbeResult(process.exitValue(), output);
    }

    private static void copyBundledLibrariesTo(Path target) throws IOException {
        Path jar = Path.of(WhisperJNI.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (String name : LIBRARIES) {
                ZipEntry entry = zip.getEntry("debian-amd64/" + name);
                assertThat(entry).as("bundled " + name).isNotNull();
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, target.resolve(name));
                }
            }
        }
    }
}
