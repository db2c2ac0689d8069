package dev.voiceconsole.capture;

/**
 * A microphone that cannot be used, with a message meant for the person who picked it
 * (e.g. "Microphone 'USB Headset' does not support 48000 Hz mono 16-bit").
 */
public class CaptureException extends Exception {

    /** Why capture failed; lets the UI pick a remedy (pick another device, another rate, retry). */
    public enum Reason {
        /** javax.sound sees no capture-capable device at all. */
        NO_MICROPHONE,
        /** The device the user picked is not (or no longer) in the list. */
        DEVICE_NOT_FOUND,
        /** The device exists but could not be opened (in use by another program, or gone meanwhile). */
        DEVICE_BUSY,
        /** The device or VoiceConsole does not offer the requested rate / sample format. */
        UNSUPPORTED_FORMAT,
        /** Capture had started and the device then stopped delivering audio. */
        DEVICE_FAILED
    }

    private final Reason reason;

    public CaptureException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public CaptureException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
