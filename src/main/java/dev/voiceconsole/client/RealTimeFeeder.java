package dev.voiceconsole.client;

import dev.voiceconsole.audio.EpochMicros;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/** Feeds a recording chunk by chunk at {@code pace} times real time, as a microphone would deliver it. */
final class RealTimeFeeder {

    /** Where each chunk goes, with the time its last sample would have been captured. */
    @FunctionalInterface
    interface ChunkSink {
        void send(byte[] chunk, long captureTimeUs);
    }

    private final int chunkBytes;
    private final double nanosPerByte;

    /** @param pace 1.0 = real time, 0 = as fast as the sink takes it */
    RealTimeFeeder(int sampleRateHz, int channels, int chunkMs, int maxChunkBytes, double pace) {
        int frame = 2 * channels;
        int wanted = (int) ((long) sampleRateHz * chunkMs / 1000) * frame;
        this.chunkBytes = Math.max(frame, Math.min(wanted, maxChunkBytes - maxChunkBytes % frame));
        this.nanosPerByte = pace == 0 ? 0 : 1e9 / ((double) frame * sampleRateHz) / pace;
    }

    void feed(byte[] pcm, ChunkSink sink) throws InterruptedException {
        long start = System.nanoTime();
        for (int offset = 0; offset < pcm.length; offset += chunkBytes) {
            // A chunk is "captured" once all of its audio would have been recorded.
            long due = start + (long) (Math.min(pcm.length, offset + chunkBytes) * nanosPerByte);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait); // pacing, not synchronization
            }
            byte[] chunk = Arrays.copyOfRange(pcm, offset, Math.min(pcm.length, offset + chunkBytes));
            long captureUs = EpochMicros.now() - (long) (chunk.length * nanosPerByte / 1000);
            sink.send(chunk, captureUs);
        }
    }
}
