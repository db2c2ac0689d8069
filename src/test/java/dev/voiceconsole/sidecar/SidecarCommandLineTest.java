package dev.voiceconsole.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SidecarCommandLineTest {

    @TempDir
    Path runtime;

    @Test
    void prefersTheRuntimesJavaOverTheProcessExecutableWhichMayBeTheInstallersLauncher() throws Exception {
        Path java = executable(runtime.resolve("bin/java"));

        Path chosen = SidecarCommandLine.javaLauncher(runtime, Optional.of("/opt/voice-console/bin/voice-console"));

        assertThat(chosen).isEqualTo(java);
    }

    @Test
    void fallsBackToTheProcessExecutableWhenTheRuntimeHasNoLauncher() {
        Path chosen = SidecarCommandLine.javaLauncher(runtime, Optional.of("/usr/lib/jvm/some-jdk/bin/java"));

        assertThat(chosen).isEqualTo(Path.of("/usr/lib/jvm/some-jdk/bin/java"));
    }

    @Test
    void ignoresANonExecutableFileNamedJava() throws Exception {
        Files.createDirectories(runtime.resolve("bin"));
        Files.writeString(runtime.resolve("bin/java"), "not a program");

        Path chosen = SidecarCommandLine.javaLauncher(runtime, Optional.of("/usr/bin/java"));

        assertThat(chosen).isEqualTo(Path.of("/usr/bin/java"));
    }

    @Test
    void theAppsCommandLineStartsItsOwnRuntimeAndJarAndKeepsTheWhisperLibraryDirectory() throws Exception {
        Path java = executable(runtime.resolve("bin/java"));
        Properties system = new Properties();
        system.setProperty("java.home", runtime.toString());
        system.setProperty("java.class.path", "/opt/voice-console/lib/app/voice-console.jar");
        system.setProperty(SidecarCommandLine.WHISPER_LIBDIR_PROPERTY, "/opt/whisper-gpu");

        SidecarCommandLine app =
                SidecarCommandLine.ofRuntime(system, Optional.of("/opt/voice-console/bin/voice-console"));

        assertThat(app.command(List.of("sidecar", "--model", "m.bin")))
                .containsExactly(
                        java.toString(),
                        "-Dio.github.givimad.whisperjni.libdir=/opt/whisper-gpu",
                        "-cp",
                        "/opt/voice-console/lib/app/voice-console.jar",
                        SidecarCommandLine.APP_MAIN,
                        "sidecar",
                        "--model",
                        "m.bin");
    }

    @Test
    void withoutALibraryDirectoryTheSidecarGetsNoExtraOptions() throws Exception {
        executable(runtime.resolve("bin/java"));
        Properties system = new Properties();
        system.setProperty("java.home", runtime.toString());
        system.setProperty("java.class.path", "app.jar");

        assertThat(SidecarCommandLine.ofRuntime(system, Optional.empty()).jvmOptions())
                .isEmpty();
    }

    private static Path executable(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
