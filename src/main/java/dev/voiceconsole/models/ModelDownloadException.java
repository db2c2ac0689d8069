package dev.voiceconsole.models;

/** A model could not be downloaded, or what arrived was refused; the message says which and why. */
public final class ModelDownloadException extends Exception {

    public ModelDownloadException(String message) {
        super(message);
    }

    public ModelDownloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
