package dev.voiceconsole.engine;

import io.github.givimad.whisperjni.WhisperJNI;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whisper-jni native library, loaded once per JVM.
 *
 * <p>This is the one place with process-wide state, and it has to be: {@code System.load} binds a native library to the
 * JVM for its lifetime, a second load of the same JNI library from another path fails, and whisper.cpp's log callback is
 * a single global too. Every engine in the process therefore shares whatever was loaded first; the guard lives here so
 * that no other class needs static mutable state.
 *
 * <p>whisper-jni itself reads the system property {@value #LIBDIR_PROPERTY}: when set it loads
 * {@code libwhisper-jni.so} from that directory (whose RUNPATH $ORIGIN then finds {@code libwhisper.so.1} and
 * {@code libggml.so} next to it) instead of extracting its bundled CPU build. It does not check the directory first, so
 * a wrong directory surfaces as an obscure {@link UnsatisfiedLinkError}; we check it ourselves and name what is missing.
 */
final class NativeWhisperLibrary {
    static final String LIBDIR_PROPERTY = "io.github.givimad.whisperjni.libdir";
    static final String BUNDLED = "bundled";
    private static final Logger log = LoggerFactory.getLogger(NativeWhisperLibrary.class);
    private static final Logger nativeLog = LoggerFactory.getLogger("dev.voiceconsole.engine.whisper.native");
    /** whisper-jni 1.7.1's loader message for each bundled library it copies out of its jar. */
    private static final Pattern EXTRACTED = Pattern.compile("^Extracting \\S+ into (.+)$");

    /** Guarded by the class lock; see the class comment for why this is process-wide. */
    private static Loaded loaded;

    /**
     * whisper-jni keeps every context and state in process-wide native maps that it does not lock: creating or freeing
     * one while another thread's native call looks its handle up is a data race in C++ and can crash the JVM. Native
     * calls that use handles take the read lock; creating and freeing take the write lock. Fair, so a model load is not
     * starved by a stream of decodes.
     */
    private static final ReadWriteLock HANDLE_REGISTRY = new ReentrantReadWriteLock(true);

    static Lock handleUse() {
        return HANDLE_REGISTRY.readLock();
    }

    static Lock handleChange() {
        return HANDLE_REGISTRY.writeLock();
    }

    /** Where the library came from and what whisper.cpp reports about its build. */
    record Loaded(WhisperJNI whisper, String libraryDir, String systemInfo) {}

    private NativeWhisperLibrary() {}

    static synchronized Loaded load() throws EngineException {
        if (loaded != null) {
            return loaded;
        }
        String libraryDir = System.getProperty(LIBDIR_PROPERTY);
        if (libraryDir != null) {
            checkLibraryDir(libraryDir);
        }
        List<Path> extracted = new ArrayList<>();
        try {
            WhisperJNI.loadLibrary(message -> {
                log.debug("whisper-jni loader: {}", message);
                extractedFile(message).ifPresent(extracted::add);
            });
        } catch (IOException | UnsatisfiedLinkError e) {
            String from =
                    libraryDir == null ? "the libraries bundled in the whisper-jni jar" : "directory " + libraryDir;
            throw new EngineException(
                    "Could not load the whisper native library from " + from + ": " + e.getMessage(), e);
        } finally {
            removeExtracted(extracted);
        }
        // whisper.cpp logs model loading and every decode; keep it out of stderr and below info
        WhisperJNI.setLibraryLogger(message -> nativeLog.debug("{}", message.stripTrailing()));
        WhisperJNI whisper = new WhisperJNI();
        String systemInfo = whisper.getSystemInfo().strip();
        String reportedDir = libraryDir == null
                ? BUNDLED
                : Path.of(libraryDir).toAbsolutePath().normalize().toString();
        log.info("whisper native library loaded from {} ({})", reportedDir, systemInfo);
        loaded = new Loaded(whisper, reportedDir, systemInfo);
        return loaded;
    }

    /** The file a loader message says was extracted, if it is such a message. */
    private static Optional<Path> extractedFile(String loaderMessage) {
        Matcher m = EXTRACTED.matcher(loaderMessage.strip());
        return m.matches() ? Optional.of(Path.of(m.group(1))) : Optional.empty();
    }

    /**
     * whisper-jni copies its bundled libraries into a new temporary directory on every load and never removes it:
     * 1.8 MB left in /tmp by every app start, sidecar spawn and CLI run. Once loaded, the libraries are mapped into the
     * process and their files are no longer needed on Linux and macOS, so the copies and their directory go at once
     * (where the OS refuses, as Windows does for a loaded DLL, they stay, as before).
     */
    private static void removeExtracted(List<Path> extracted) {
        for (Path file : extracted) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.debug("could not remove the extracted library {}: {}", file, e.getMessage());
            }
        }
        extracted.stream()
                .map(Path::getParent)
                .filter(Objects::nonNull)
                .distinct()
                .filter(dir -> String.valueOf(dir.getFileName()).startsWith("whisper-jni-"))
                .forEach(dir -> {
                    try {
                        Files.deleteIfExists(dir);
                    } catch (IOException e) {
                        log.debug("could not remove the library extraction directory {}: {}", dir, e.getMessage());
                    }
                });
    }

    private static void checkLibraryDir(String libraryDir) throws EngineException {
        Path dir = Path.of(libraryDir);
        if (!Files.isDirectory(dir)) {
            throw new EngineException("Native library directory " + dir.toAbsolutePath() + " (system property "
                    + LIBDIR_PROPERTY + ") does not exist or is not a directory");
        }
        List<String> missing = new ArrayList<>();
        for (String file : requiredFiles()) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                missing.add(file);
            }
        }
        if (!missing.isEmpty()) {
            throw new EngineException("Native library directory " + dir.toAbsolutePath() + " (system property "
                    + LIBDIR_PROPERTY + ") lacks " + String.join(", ", missing)
                    + "; it must hold the whisper-jni library and the whisper and ggml libraries it links against");
        }
    }

    /** What whisper-jni 1.7.1 loads from a custom directory on this OS (the JNI library and its direct links). */
    static List<String> requiredFiles() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return List.of("whisper-jni.dll");
        }
        if (os.contains("mac")) {
            return List.of("libwhisper-jni.dylib", "libwhisper.1.dylib", "libggml.dylib");
        }
        return List.of("libwhisper-jni.so", "libwhisper.so.1", "libggml.so");
    }
}
