package dev.voiceconsole.engine;

import io.github.givimad.whisperjni.WhisperJNI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whisper.cpp native library. A JNI library loads once per JVM and can never be unloaded, so this is the one
 * deliberately process-wide piece of state in the engine: which directory it came from is fixed for the life of the
 * process. whisper-jni loads from the directory in {@link #LIBRARY_DIR_PROPERTY} (a user's GPU build) or else
 * extracts its bundled CPU build.
 */
final class NativeWhisperLibrary {

    static final String LIBRARY_DIR_PROPERTY = "io.github.givimad.whisperjni.libdir";
    static final String BUNDLED = "bundled";
    /** The files whisper-jni needs in a custom library directory (libwhisper-jni.so finds the others via $ORIGIN). */
    private static final String[] LINUX_FILES = {"libwhisper-jni.so", "libwhisper.so.1", "libggml.so"};

    private static final Logger log = LoggerFactory.getLogger(NativeWhisperLibrary.class);
    private static final Object LOCK = new Object();
    private static String loadedFrom;

    private NativeWhisperLibrary() {
    }

    /** Loads the library if this JVM has not yet; returns the directory it came from, or {@value #BUNDLED}. */
    static String ensureLoaded() throws EngineException {
        synchronized (LOCK) {
            if (loadedFrom != null) {
                return loadedFrom;
            }
            String dir = System.getProperty(LIBRARY_DIR_PROPERTY);
            if (dir != null && !dir.isBlank()) {
                checkLibraryDir(Path.of(dir));
            }
            try {
                WhisperJNI.loadLibrary(message -> log.debug("whisper-jni: {}", message));
                WhisperJNI.setLibraryLogger(message -> log.debug("whisper.cpp: {}", message.strip()));
            } catch (IOException | UnsatisfiedLinkError e) {
                throw new EngineException("cannot load the whisper.cpp native library"
                        + (dir == null ? "" : " from " + dir) + ": " + e.getMessage(), e);
            }
            loadedFrom = dir == null || dir.isBlank() ? BUNDLED : Path.of(dir).toAbsolutePath().toString();
            log.info("whisper.cpp native library loaded ({})", loadedFrom);
            return loadedFrom;
        }
    }

    /** whisper-jni would only fail deep inside System.load; say plainly what is missing instead. */
    private static void checkLibraryDir(Path dir) throws EngineException {
        if (!Files.isDirectory(dir)) {
            throw new EngineException("whisper library directory " + dir + " (system property " + LIBRARY_DIR_PROPERTY
                    + ") does not exist or is not a directory");
        }
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return;
        }
        for (String file : LINUX_FILES) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                throw new EngineException("whisper library directory " + dir + " has no " + file
                        + " (a whisper-jni build needs libwhisper-jni.so, libwhisper.so.1 and libggml.so)");
            }
        }
    }
}
