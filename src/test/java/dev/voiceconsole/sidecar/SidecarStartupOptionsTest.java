package dev.voiceconsole.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SidecarStartupOptionsTest {

    @TempDir
    Path dir;

    @Test
    void aClassPathOfDirectoriesGetsC1OnlyAndNoArchive() {
        List<String> options = SidecarStartupOptions.forClassPath(
                dir.resolve("classes") + java.io.File.pathSeparator + dir.resolve("lib.jar"), "17", dir.resolve("cds"));

        assertThat(options).containsExactly(SidecarStartupOptions.C1_ONLY);
    }

    @Test
    void theFirstSidecarRecordsTheArchiveAndACleanExitPutsItInPlaceForTheNext() throws Exception {
        Path jar = Files.write(dir.resolve("app.jar"), new byte[] {1, 2, 3});
        Path cache = dir.resolve("cds");

        List<String> first = SidecarStartupOptions.forClassPath(jar.toString(), "17.0.15", cache);
        Path recording = Path.of(option(first, SidecarStartupOptions.RECORD_ARCHIVE));
        assertThat(first)
                .contains("-Xlog:disable", "-Xlog:all=warning:stderr")
                .noneMatch(o -> o.startsWith(SidecarStartupOptions.USE_ARCHIVE));
        assertThat(recording.getParent()).isEqualTo(cache).isDirectory();

        Files.write(recording, new byte[] {42}); // what the JVM writes at exit
        SidecarStartupOptions.keepArchive(first, 143);

        assertThat(recording).doesNotExist();
        List<String> second = SidecarStartupOptions.forClassPath(jar.toString(), "17.0.15", cache);
        Path archive = Path.of(option(second, SidecarStartupOptions.USE_ARCHIVE));
        assertThat(archive).hasBinaryContent(new byte[] {42});
        assertThat(second).noneMatch(o -> o.startsWith(SidecarStartupOptions.RECORD_ARCHIVE));
    }

    @Test
    void aKilledRecorderLeavesNoArchiveBehind() throws Exception {
        Path jar = Files.write(dir.resolve("app.jar"), new byte[] {1});
        List<String> first = SidecarStartupOptions.forClassPath(jar.toString(), "17", dir);
        Path recording = Path.of(option(first, SidecarStartupOptions.RECORD_ARCHIVE));
        Files.write(recording, new byte[] {1, 2});

        SidecarStartupOptions.keepArchive(first, 137);

        assertThat(recording).doesNotExist();
        assertThat(SidecarStartupOptions.forClassPath(jar.toString(), "17", dir))
                .anyMatch(o -> o.startsWith(SidecarStartupOptions.RECORD_ARCHIVE));
    }

    @Test
    void aRebuiltJarOrAnotherRuntimeGetsAnArchiveOfItsOwn() throws Exception {
        Path jar = Files.write(dir.resolve("app.jar"), new byte[] {1});
        Path before =
                SidecarStartupOptions.archivePath(jar.toString(), "17", dir).orElseThrow();

        assertThat(SidecarStartupOptions.archivePath(jar.toString(), "21", dir))
                .get()
                .isNotEqualTo(before);
        Files.setLastModifiedTime(
                jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5000));
        assertThat(SidecarStartupOptions.archivePath(jar.toString(), "17", dir))
                .get()
                .isNotEqualTo(before);
    }

    private static String option(List<String> options, String prefix) {
        return options.stream()
                .filter(o -> o.startsWith(prefix))
                .findFirst()
                .orElseThrow()
                .substring(prefix.length());
    }

    @Test
    void onlyARuntimeWithItsDefaultClassArchiveGetsADynamicOne(@org.junit.jupiter.api.io.TempDir Path home)
            throws Exception {
        assertThat(SidecarStartupOptions.runtimeHasBaseArchive(home))
                .as("a jlinked runtime without classes.jsa")
                .isFalse();
        java.nio.file.Files.createDirectories(home.resolve("lib/server"));
        java.nio.file.Files.write(home.resolve("lib/server/classes.jsa"), new byte[] {1});
        assertThat(SidecarStartupOptions.runtimeHasBaseArchive(home)).isTrue();
    }
}
