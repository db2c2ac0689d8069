package dev.voiceconsole.sidecar;

import dev.voiceconsole.userdirs.UserDirectories;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JVM options that shorten the sidecar's spawn → ready time.
 *
 * <ul>
 *   <li>{@code -XX:TieredStopAtLevel=1}: the sidecar's time goes into native decoding, so C2's background compiles
 *       only compete with start-up and the first decodes for the two cores; C1 code is fast enough for the rest.</li>
 *   <li>An AppCDS archive of the classes a sidecar loads (JDK 17 has no {@code -XX:+AutoCreateSharedArchive}): the
 *       first sidecar of a jar records it at exit ({@code -XX:ArchiveClassesAtExit}) into a file of its own, which
 *       {@link #keepArchive} moves into place once that sidecar exited cleanly, so no JVM ever maps a half-written
 *       archive; every later sidecar of the same jar and runtime maps it instead of parsing the classes again.
 *       Only for a class path that is one jar (the shaded app): archives cannot cover class directories.</li>
 *   <li>JVM warnings go to stderr: stdout carries the ready line.</li>
 * </ul>
 */
public final class SidecarStartupOptions {

    private static final Logger log = LoggerFactory.getLogger(SidecarStartupOptions.class);
    static final String C1_ONLY = "-XX:TieredStopAtLevel=1";
    static final String USE_ARCHIVE = "-XX:SharedArchiveFile=";
    static final String RECORD_ARCHIVE = "-XX:ArchiveClassesAtExit=";
    private static final String RECORDING_SUFFIX = ".recording";

    private SidecarStartupOptions() {}

    /**
     * The JVM options for a sidecar started with {@code classPath}: C1 only, and the class archive when there is one.
     *
     * @param classPath the sidecar's class path
     * @param runtimeVersion the runtime's {@code java.vm.version}: an archive only fits the JVM that wrote it
     * @param cacheDir where archives are kept; created when missing
     */
    public static List<String> forClassPath(String classPath, String runtimeVersion, Path cacheDir) {
        List<String> options = new ArrayList<>(List.of(C1_ONLY));
        archivePath(classPath, runtimeVersion, cacheDir).ifPresent(archive -> {
            if (Files.isRegularFile(archive)) {
                options.add(USE_ARCHIVE + archive);
            } else {
                options.add(RECORD_ARCHIVE + archive + "." + UUID.randomUUID() + RECORDING_SUFFIX);
            }
            options.add("-Xlog:disable");
            options.add("-Xlog:all=warning:stderr");
        });
        return options;
    }

    /** Whether the runtime at {@code javaHome} has the default CDS archive that a dynamic archive builds on. */
    public static boolean runtimeHasBaseArchive(Path javaHome) {
        return Files.isRegularFile(javaHome.resolve("lib").resolve("server").resolve("classes.jsa"));
    }

    /** {@code $XDG_CACHE_HOME/voice-console/cds}, else {@code ~/.cache/voice-console/cds}. */
    public static Path defaultCacheDir() {
        return UserDirectories.forCurrentUser().cache().resolve("cds");
    }

    /**
     * After a sidecar ended: a recording it wrote becomes the archive when it exited cleanly (0, or 143 after
     * SIGTERM), and is deleted otherwise (a killed JVM may have left it half-written).
     */
    public static void keepArchive(List<String> jvmOptions, int exitCode) {
        for (String option : jvmOptions) {
            if (!option.startsWith(RECORD_ARCHIVE)) {
                continue;
            }
            Path recording = Path.of(option.substring(RECORD_ARCHIVE.length()));
            String name = recording.getFileName().toString();
            Path archive = recording.resolveSibling(
                    name.substring(0, name.lastIndexOf('.', name.length() - RECORDING_SUFFIX.length() - 1)));
            try {
                if ((exitCode == 0 || exitCode == 143) && Files.isRegularFile(recording) && Files.size(recording) > 0) {
                    Files.move(recording, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    log.info("sidecar class archive recorded: {}", archive);
                } else {
                    Files.deleteIfExists(recording);
                }
            } catch (IOException e) {
                log.warn("could not keep the sidecar class archive {}: {}", archive, e.toString());
            }
        }
    }

    /** The archive for a one-jar class path, named after the jar's path, size, time and the runtime. */
    static Optional<Path> archivePath(String classPath, String runtimeVersion, Path cacheDir) {
        if (classPath.contains(java.io.File.pathSeparator) || !classPath.endsWith(".jar")) {
            return Optional.empty();
        }
        Path jar = Path.of(classPath).toAbsolutePath();
        try {
            if (!Files.isRegularFile(jar)) {
                return Optional.empty();
            }
            String identity = jar + "|" + Files.size(jar) + "|"
                    + Files.getLastModifiedTime(jar).toMillis() + "|" + runtimeVersion;
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            Files.createDirectories(cacheDir);
            return Optional.of(cacheDir.resolve("sidecar-" + HexFormat.of().formatHex(digest, 0, 8) + ".jsa"));
        } catch (IOException | NoSuchAlgorithmException e) {
            log.debug("no class archive for {}: {}", jar, e.toString());
            return Optional.empty();
        }
    }
}
