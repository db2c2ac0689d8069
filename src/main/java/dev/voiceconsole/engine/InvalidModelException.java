package dev.voiceconsole.engine;

/** A model file that must not reach native code: its message says which file and what is wrong with it. */
public class InvalidModelException extends EngineException {
    public InvalidModelException(String message) {
        super(message);
    }
}
