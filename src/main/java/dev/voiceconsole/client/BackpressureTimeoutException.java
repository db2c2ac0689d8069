package dev.voiceconsole.client;

/** The worker stayed overloaded longer than {@link ClientSettings#backpressureMaxWait()}. */
public class BackpressureTimeoutException extends RuntimeException {
    public BackpressureTimeoutException(String message) {
        super(message);
    }
}
