package dev.voiceconsole.engine;

/**
 * A model file is missing, unreadable or not a whisper.cpp ggml model that the native loader can take safely.
 * Raised before native code sees the file, because the native loader aborts the whole process on many malformed inputs.
 */
public class InvalidModelException extends EngineException {
    public InvalidModelException(String message) {
        super(message);
    }

    public InvalidModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
