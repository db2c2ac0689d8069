package dev.voiceconsole.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs for tests that need a disk that fills up. Mounting needs root (the CI runs as root); where the
 * mount is refused, {@link #mount} is empty and the caller falls back to SQLite's own page limit.
 */
final class FullDisk implements AutoCloseable {

    private final Path mountPoint;

    private FullDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** A tmpfs of {@code kib} KiB at {@code mountPoint}, or empty when this process may not mount one. */
    static Optional<FullDisk> mount(Path mountPoint, int kib) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        if (!"Linux".equals(System.getProperty("os.name"))) {
            return Optional.empty();
        }
        Process p = new ProcessBuilder(
                        "mount", "-t", "tmpfs", "-o", "size=" + kib + "k", "tmpfs", mountPoint.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            return Optional.empty();
        }
        return Optional.of(new FullDisk(mountPoint));
    }

    Path path() {
        return mountPoint;
    }

    /** Frees room again, as a user who deletes a big file would. */
    void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("umount", "-l", mountPoint.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        p.waitFor(10, TimeUnit.SECONDS);
    }
}
