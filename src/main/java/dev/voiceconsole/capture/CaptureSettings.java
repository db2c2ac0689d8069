package dev.voiceconsole.capture;

import java.util.List;

/**
 * What the user chose for capture.
 *
 * @param deviceName   a {@link CaptureDevice#name()}, or {@code null} for the first device javax.sound lists
 *                     (its own notion of the system default)
 * @param sampleRate   16000 or 48000; anything else is refused by {@link MicrophoneCapture#start} with a message,
 *                     because the value may come from a hand-edited configuration
 * @param chunkMillis  duration of one {@link AudioBlock}: the unit of latency and of the level meter's update rate
 * @param bufferMillis how much captured audio may wait for a slow consumer before blocks are dropped
 */
public record CaptureSettings(String deviceName, int sampleRate, int chunkMillis, int bufferMillis) {

    public static final List<Integer> SUPPORTED_RATES = List.of(16000, 48000);
    public static final int DEFAULT_CHUNK_MILLIS = 20;
    /** Rides out UI redraws, GC pauses and a briefly slow network with a wide margin; 2 s at 48 kHz is 192 KB. */
    public static final int DEFAULT_BUFFER_MILLIS = 2000;

    public CaptureSettings {
        if (chunkMillis < 5 || chunkMillis > 200) {
            throw new IllegalArgumentException("chunk must be 5..200 ms, was " + chunkMillis);
        }
        if (bufferMillis < 2 * chunkMillis) {
            throw new IllegalArgumentException(
                    "buffer must hold at least two chunks (" + 2 * chunkMillis + " ms), was " + bufferMillis + " ms");
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, was " + sampleRate);
        }
    }

    /** The system default device at {@code sampleRate} with default chunk and buffer sizes. */
    public static CaptureSettings defaults(int sampleRate) {
        return new CaptureSettings(null, sampleRate, DEFAULT_CHUNK_MILLIS, DEFAULT_BUFFER_MILLIS);
    }

    public CaptureSettings withDevice(String name) {
        return new CaptureSettings(name, sampleRate, chunkMillis, bufferMillis);
    }

    public CaptureSettings withBufferMillis(int millis) {
        return new CaptureSettings(deviceName, sampleRate, chunkMillis, millis);
    }

    /** Frames (= samples, mono) in one block. */
    public int chunkFrames() {
        return Math.toIntExact((long) sampleRate * chunkMillis / 1000);
    }

    /** Blocks the hand-off queue holds. */
    public int queueCapacity() {
        return Math.max(2, bufferMillis / chunkMillis);
    }
}
