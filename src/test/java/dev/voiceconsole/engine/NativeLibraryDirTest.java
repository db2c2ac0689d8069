package dev.voiceconsole.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.voiceconsole.testing.ChildProcessTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native library directory override, proven in fresh JVMs: once a JVM has loaded the library it cannot load
 * another, so each case spawns a child java process with the test classpath.
 */
@ChildProcessTest
class NativeLibraryDirTest {
    private static final long CHILD_TIMEOUT_S = 120;

    @TempDir
    Path dir;

    Path model;

    @BeforeEach
    void linuxAmd64Only() throws IOException {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        assumeTrue(
                os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64")),
                "uses the jar's debian-amd64 libraries");
        model = WeightlessModelWriter.writeTinyEn(dir.resolve("tiny.en.bin"));
    }

    @Test
    void freshJvmLoadsTheLibrariesFromTheConfiguredDirectory() throws Exception {
        Path libs = Files.createDirectory(dir.resolve("libs"));
        // The binding needs whisper.cpp's library and the ggml library it links against by name. The portable
        // libggml.so is chosen on purpose: the bundled loader picks the AVX2 variant on most machines, so seeing this
        // file mapped proves the directory was used.
        copyFromJar("/debian-amd64/libwhisper.so.1", libs.resolve("libwhisper.so.1"));
        copyFromJar("/debian-amd64/libggml.so", libs.resolve("libggml.so"));
        Path realLibs = libs.toRealPath();

        ChildRun run = runChild(libs);

        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(run.lines).contains("LIBRARY_DIR=" + libs.toAbsolutePath().normalize());
        List<String> mapped = run.lines.stream()
                .filter(l -> l.startsWith("MAPPED="))
                .map(l -> l.substring(7))
                .toList();
        assertThat(mapped)
                .as(run.output)
                .contains(
                        realLibs.resolve("libwhisper.so.1").toString(),
                        realLibs.resolve("libggml.so").toString())
                .allSatisfy(path -> assertThat(path).startsWith(realLibs.toString()));
        assertThat(run.lines).anySatisfy(l -> assertThat(l).startsWith("DECODE_OK segments=0"));
    }

    @Test
    void emptyDirectoryFailsClearlyInsteadOfFallingBack() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty-libs"));

        ChildRun run = runChild(empty);

        assertThat(run.exitCode).as(run.output).isEqualTo(2);
        assertThat(run.lines)
                .as(run.output)
                .anySatisfy(l -> assertThat(l)
                        .startsWith("ENGINE_ERROR=Native library directory " + empty.toAbsolutePath())
                        .contains("lacks libwhisper.so.1, libggml.so"));
        assertThat(run.output).doesNotContain("DECODE_OK");
    }

    @Test
    void missingDirectoryFailsClearly() throws Exception {
        Path missing = dir.resolve("no-such-dir");

        ChildRun run = runChild(missing);

        assertThat(run.exitCode).as(run.output).isEqualTo(2);
        assertThat(run.lines)
                .as(run.output)
                .contains(
                        "ENGINE_ERROR=Native library directory " + missing.toAbsolutePath()
                                + " (system property io.github.givimad.whisperjni.libdir) does not exist or is not a directory");
    }

    @Test
    void bundledLibrariesAreRemovedFromTheTemporaryDirectoryOnceLoaded() throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));

        ChildRun run = runChild(List.of("-Djava.io.tmpdir=" + tmp.toAbsolutePath()));

        assertThat(run.exitCode).as(run.output).isZero();
        // The loaded copies were extracted under this tmp (the maps name them, deleted) and work after their removal.
        assertThat(run.lines)
                .as(run.output)
                .anySatisfy(l -> assertThat(l)
                        .startsWith("MAPPED=" + tmp.toRealPath().resolve("whisper-jni-"))
                        .contains("libggml"));
        assertThat(run.lines).anySatisfy(l -> assertThat(l).startsWith("DECODE_OK segments=0"));
        try (var left = Files.list(tmp)) {
            assertThat(left)
                    .as("what the child left in its temporary directory")
                    .isEmpty();
        }
    }

    private record ChildRun(int exitCode, String output, List<String> lines) {}

    private ChildRun runChild(Path libraryDir) throws Exception {
        return runChild(List.of("-D" + NativeWhisperLibrary.LIBDIR_PROPERTY + "=" + libraryDir.toAbsolutePath()));
    }

    private ChildRun runChild(List<String> properties) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = dir.resolve("child-" + System.nanoTime() + ".log");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path")));
        command.addAll(properties);
        command.addAll(
                List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1", LibraryDirProbe.class.getName(), model.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(CHILD_TIMEOUT_S, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(
                    "child JVM did not finish in " + CHILD_TIMEOUT_S + " s:\n" + Files.readString(log));
        }
        String output = Files.readString(log);
        return new ChildRun(process.exitValue(), output, output.lines().toList());
    }

    private static void copyFromJar(String resource, Path target) throws IOException {
        try (InputStream in = NativeLibraryDirTest.class.getResourceAsStream(resource)) {
            assertThat(in).as("whisper-jni jar entry " + resource).isNotNull();
            Files.copy(in, target);
        }
    }
}
