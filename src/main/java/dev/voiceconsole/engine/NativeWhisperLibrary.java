package dev.voiceconsole.engine;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import dev.voiceconsole.engine.whispercpp.WhisperCppLibrary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * whisper.cpp's C library, bound through JNA and loaded once per JVM.
 *
 * <p>This is the one place with process-wide state, and it has to be: a native library stays mapped for the JVM's
 * lifetime, and whisper.cpp's log callback is a single global. Every engine in the process therefore shares whatever
 * was loaded first; the guard lives here so that no other class needs static mutable state.
 *
 * <p>The libraries come from the whisper-jni jar, which bundles whisper.cpp 1.7.1 for each platform
 * ({@code debian-amd64/libwhisper.so.1} and its {@code libggml.so}); the jar's own JNI layer exposes only segment text
 * and times, so it is not used. With the system property {@value #LIBDIR_PROPERTY} set (its name kept from whisper-jni,
 * which read it first, so existing set-ups keep working), {@code libwhisper.so.1} is loaded from that directory instead,
 * and its RUNPATH {@code $ORIGIN} finds the {@code libggml.so} next to it: a user's GPU build.
 */
final class NativeWhisperLibrary {
    static final String LIBDIR_PROPERTY = "io.github.givimad.whisperjni.libdir";
    static final String BUNDLED = "bundled";
    private static final Logger log = LoggerFactory.getLogger(NativeWhisperLibrary.class);
    private static final Logger nativeLog = LoggerFactory.getLogger("dev.voiceconsole.engine.whisper.native");

    /** Guarded by the class lock; see the class comment for why this is process-wide. */
    private static Loaded loaded;

    /**
     * Where the library came from and what whisper.cpp reports about its build; {@code logSink} is held so the
     * callback is not garbage-collected while whisper.cpp still calls it.
     */
    record Loaded(
            WhisperCppLibrary whisper,
            String libraryDir,
            String systemInfo,
            WhisperCppLibrary.LogCallback logSink,
            NativeLibrary ggml) {}

    /**
     * The files of one platform's build: the whisper library, and the ggml library it links against by name, which the
     * jar may hold under another name (a CPU-specific variant). {@code resourceDir} is null where nothing is bundled.
     */
    private record Platform(String resourceDir, String whisperFile, String ggmlResource, String ggmlFile) {
        Map<String, String> bundledToLoaded() {
            return Map.of(whisperFile, whisperFile, ggmlResource, ggmlFile);
        }
    }

    private NativeWhisperLibrary() {}

    static synchronized Loaded load() throws EngineException {
        if (loaded != null) {
            return loaded;
        }
        Platform platform = platform();
        String libraryDir = System.getProperty(LIBDIR_PROPERTY);
        Bound bound;
        if (libraryDir != null) {
            Path dir = checkLibraryDir(libraryDir, platform);
            bound = bind(dir, platform, "directory " + dir.toAbsolutePath());
        } else if (platform.resourceDir() == null) {
            throw new EngineException("whisper-jni bundles no whisper library with the C API for this platform; set "
                    + LIBDIR_PROPERTY + " to a directory with whisper.cpp 1.7.1's " + platform.whisperFile() + " and "
                    + platform.ggmlFile());
        } else {
            bound = loadBundled(platform);
        }
        WhisperCppLibrary whisper = bound.whisper();
        // whisper.cpp logs model loading and every decode; keep it out of stderr and below info
        WhisperCppLibrary.LogCallback sink = (level, text, userData) -> {
            if (text != null && !text.isBlank()) {
                nativeLog.debug("{}", text.stripTrailing());
            }
        };
        whisper.whisper_log_set(sink, Pointer.NULL);
        String systemInfo = whisper.whisper_print_system_info().strip();
        String reportedDir = libraryDir == null
                ? BUNDLED
                : Path.of(libraryDir).toAbsolutePath().normalize().toString();
        log.info("whisper native library loaded from {} ({})", reportedDir, systemInfo);
        loaded = new Loaded(whisper, reportedDir, systemInfo, sink, bound.ggml());
        return loaded;
    }

    private record Bound(WhisperCppLibrary whisper, NativeLibrary ggml) {}

    /**
     * ggml first, by its path: then the whisper library's link to it by name resolves to that copy on every platform,
     * whatever the OS's search rules (and RUNPATH) would have found. It stays referenced so that it is never unloaded.
     */
    private static Bound bind(Path dir, Platform platform, String from) throws EngineException {
        try {
            NativeLibrary ggml = NativeLibrary.getInstance(
                    dir.resolve(platform.ggmlFile()).toAbsolutePath().toString());
            WhisperCppLibrary whisper = Native.load(
                    dir.resolve(platform.whisperFile()).toAbsolutePath().toString(), WhisperCppLibrary.class);
            return new Bound(whisper, ggml);
        } catch (UnsatisfiedLinkError e) {
            throw new EngineException(
                    "Could not load the whisper native library from " + from + ": " + e.getMessage(), e);
        }
    }

    /**
     * Copies this platform's bundled build into a fresh temporary directory, loads it, and removes the copies: once
     * mapped, the files are no longer needed on Linux and macOS (where the OS refuses, as Windows does for a loaded
     * DLL, they stay). Leaving them cost 1.8 MB of /tmp per app start, sidecar spawn and CLI run.
     */
    private static Bound loadBundled(Platform platform) throws EngineException {
        Path dir;
        try {
            dir = Files.createTempDirectory("whisper-jni-");
        } catch (IOException e) {
            throw new EngineException(
                    "Could not create a directory for the whisper native library: " + e.getMessage(), e);
        }
        List<Path> copies = new ArrayList<>();
        try {
            for (Map.Entry<String, String> file : platform.bundledToLoaded().entrySet()) {
                String resource = "/" + platform.resourceDir() + "/" + file.getKey();
                Path copy = dir.resolve(file.getValue());
                try (InputStream in = NativeWhisperLibrary.class.getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new EngineException("The whisper-jni jar on the class path lacks " + resource
                                + " (is it whisper-jni 1.7.1?)");
                    }
                    Files.copy(in, copy);
                }
                copies.add(copy);
            }
            return bind(dir, platform, "the libraries bundled in the whisper-jni jar");
        } catch (IOException e) {
            throw new EngineException("Could not extract the whisper native library: " + e.getMessage(), e);
        } finally {
            for (Path copy : copies) {
                deleteQuietly(copy);
            }
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.debug("could not remove the extracted {}: {}", path, e.getMessage());
        }
    }

    private static Path checkLibraryDir(String libraryDir, Platform platform) throws EngineException {
        Path dir = Path.of(libraryDir);
        if (!Files.isDirectory(dir)) {
            throw new EngineException("Native library directory " + dir.toAbsolutePath() + " (system property "
                    + LIBDIR_PROPERTY + ") does not exist or is not a directory");
        }
        List<String> missing = new ArrayList<>();
        for (String file : requiredFiles(platform)) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                missing.add(file);
            }
        }
        if (!missing.isEmpty()) {
            throw new EngineException("Native library directory " + dir.toAbsolutePath() + " (system property "
                    + LIBDIR_PROPERTY + ") lacks " + String.join(", ", missing)
                    + "; it must hold whisper.cpp 1.7.1's whisper library and the ggml library it links against");
        }
        return dir;
    }

    private static List<String> requiredFiles(Platform platform) {
        return List.of(platform.whisperFile(), platform.ggmlFile());
    }

    /**
     * This machine's bundled build. On x86-64 Linux whisper-jni ships a portable libggml and one built for AVX2, FMA and
     * F16C; the latter is about twice as fast and is taken when the CPU has all four features, as whisper-jni's own
     * loader does. Windows has no separate whisper library in the jar (whisper-jni links it into its JNI DLL without
     * exporting the C API), so there a library directory with whisper.cpp's {@code whisper.dll} is required.
     */
    private static Platform platform() throws EngineException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        boolean amd64 = arch.equals("amd64") || arch.equals("x86_64");
        boolean arm64 = arch.equals("aarch64") || arch.equals("arm64");
        if (os.contains("win")) {
            return new Platform(null, "whisper.dll", "ggml.dll", "ggml.dll");
        }
        if (os.contains("mac")) {
            String dir = arm64 ? "macos-arm64" : "macos-amd64";
            return new Platform(dir, "libwhisper.1.dylib", "libggml.dylib", "libggml.dylib");
        }
        if (amd64) {
            String ggml = cpuFlags().containsAll(Set.of("avx", "avx2", "fma", "f16c"))
                    ? "libggml+mf16c+mfma+mavx+mavx2.so"
                    : "libggml.so";
            return new Platform("debian-amd64", "libwhisper.so.1", ggml, "libggml.so");
        }
        if (arm64) {
            String ggml = cpuFlags().contains("fphp") ? "libggml+fp16.so" : "libggml+crc.so";
            return new Platform("debian-arm64", "libwhisper.so.1", ggml, "libggml.so");
        }
        if (arch.startsWith("arm")) {
            return new Platform("debian-armv7l", "libwhisper.so.1", "libggml.so", "libggml.so");
        }
        throw new EngineException("No whisper native library is bundled for " + os + " on " + arch + "; set "
                + LIBDIR_PROPERTY + " to a directory with whisper.cpp 1.7.1 built for it");
    }

    /** The CPU feature flags Linux reports, lower case; empty where /proc/cpuinfo is unreadable. */
    private static Set<String> cpuFlags() {
        try {
            String info = Files.readString(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8);
            return info.lines()
                    .filter(l -> l.startsWith("flags") || l.startsWith("Features"))
                    .findFirst()
                    .map(l -> Set.of(l.substring(l.indexOf(':') + 1)
                            .strip()
                            .toLowerCase(Locale.ROOT)
                            .split("\\s+")))
                    .orElse(Set.of());
        } catch (IOException e) {
            return Set.of();
        }
    }
}
