package dev.voiceconsole.engine;

/** A decode or model load failed; the message is meant for a person. */
public class EngineException extends Exception {
    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
