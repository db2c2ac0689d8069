package dev.voiceconsole.audio;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Hands PCM16LE audio on in chunks at the pace a sound card would record it, each with the wall-clock time its
 * first sample would have been captured: how a recording stands in for a microphone (the console's WAV source, the
 * CLI's and bench's live streams, tests).
 */
public final class RealTimePacer {

    /** Where each chunk goes. */
    @FunctionalInterface
    public interface ChunkSink {
        void send(byte[] chunk, long captureTimeUs) throws InterruptedException;
    }

    private final int chunkBytes;
    private final double nanosPerByte;

    /**
     * @param chunkMs       chunk length; at most {@code maxChunkBytes}, never less than one frame
     * @param pace          1.0 = real time, 2.0 = twice as fast, 0 = as fast as the sink takes it
     */
    public RealTimePacer(int sampleRateHz, int channels, int chunkMs, int maxChunkBytes, double pace) {
        if (pace < 0) {
            throw new IllegalArgumentException("pace must be 0 (no pacing) or positive, not " + pace);
        }
        int frame = 2 * channels;
        int wanted = (int) ((long) sampleRateHz * chunkMs / 1000) * frame;
        this.chunkBytes = Math.max(frame, Math.min(wanted, maxChunkBytes - maxChunkBytes % frame));
        this.nanosPerByte = pace == 0 ? 0 : 1e9 / ((double) frame * sampleRateHz) / pace;
    }

    public RealTimePacer(int sampleRateHz, int channels, int chunkMs, double pace) {
        this(sampleRateHz, channels, chunkMs, Integer.MAX_VALUE, pace);
    }

    /** Plays all of {@code pcm}. */
    public void play(byte[] pcm, ChunkSink sink) throws InterruptedException {
        play(pcm, () -> false, sink);
    }

    /** Plays {@code pcm} until it ends or {@code stopped} says so (checked before each chunk). */
    public void play(byte[] pcm, BooleanSupplier stopped, ChunkSink sink) throws InterruptedException {
        long start = System.nanoTime();
        long startUs = EpochMicros.now();
        for (int offset = 0; offset < pcm.length && !stopped.getAsBoolean(); offset += chunkBytes) {
            int end = Math.min(pcm.length, offset + chunkBytes);
            // A chunk is "captured" once all of its audio would have been recorded.
            long wait = start + (long) (end * nanosPerByte) - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait); // pacing like a sound card, not synchronization
            }
            if (stopped.getAsBoolean()) {
                return;
            }
            byte[] chunk = Arrays.copyOfRange(pcm, offset, end);
            // A sound card stamps chunks on its sample clock, evenly spaced whatever the scheduler does to this
            // thread (a late wake-up is delivery latency, not a shorter recording); unpaced audio is stamped as sent.
            long captureUs = nanosPerByte == 0 ? EpochMicros.now() : startUs + (long) (offset * nanosPerByte / 1000);
            sink.send(chunk, captureUs);
        }
    }
}
