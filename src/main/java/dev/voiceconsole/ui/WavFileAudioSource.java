package dev.voiceconsole.ui;

import dev.voiceconsole.audio.Pcm16;
import dev.voiceconsole.audio.WavReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Plays a WAV file as if it were the microphone: 16 kHz mono blocks of {@value #BLOCK_MS} ms, delivered at the pace
 * they would be recorded (times {@code pace}), each stamped with its capture time. Lets testers reproduce a
 * dictation exactly and lets tests drive the console without audio hardware.
 */
public final class WavFileAudioSource implements AudioSource {

    static final int BLOCK_MS = 20;
    private static final int RATE = 16_000;

    private final Path file;
    private final double pace;
    private Thread player;
    private volatile boolean stopped;

    /** @param pace 1 = real time, 2 = twice as fast */
    public WavFileAudioSource(Path file, double pace) {
        if (!(pace > 0) || Double.isInfinite(pace)) {
            throw new IllegalArgumentException("pace must be positive, was " + pace);
        }
        this.file = file;
        this.pace = pace;
    }

    @Override
    public synchronized void start(Consumer consumer) throws IOException {
        if (player != null) {
            throw new IllegalStateException("WAV source " + file.getFileName() + " was already started");
        }
        // Read (and convert) before returning, so a bad file is reported to the caller, not lost on a thread.
        byte[] pcm = Pcm16.fromFloat(WavReader.readAs16kMono(file).samples());
        player = new Thread(() -> play(pcm, consumer), "wav-audio-source");
        player.setDaemon(true);
        player.start();
    }

    private void play(byte[] pcm, Consumer consumer) {
        int blockBytes = RATE * BLOCK_MS / 1000 * 2;
        double nanosPerByte = 1e9 / (2.0 * RATE) / pace;
        long start = System.nanoTime();
        long startUs = System.currentTimeMillis() * 1000;
        try {
            for (int offset = 0; offset < pcm.length && !stopped; offset += blockBytes) {
                int end = Math.min(pcm.length, offset + blockBytes);
                // A block is "captured" once its last sample would have been recorded.
                long wait = start + (long) (end * nanosPerByte) - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait); // pacing like a sound card, not synchronization
                }
                if (stopped) {
                    break;
                }
                byte[] block = Arrays.copyOfRange(pcm, offset, end);
                consumer.onBlock(block, startUs + (long) (offset * nanosPerByte / 1000), AudioLevel.dbfs(block));
            }
            consumer.onEnd(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            consumer.onEnd(null);
        } catch (RuntimeException e) {
            consumer.onEnd(e);
        }
    }

    @Override
    public void stop() {
        Thread t;
        synchronized (this) {
            stopped = true;
            t = player;
        }
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public int sampleRate() {
        return RATE;
    }

    @Override
    public String description() {
        return "file " + file.getFileName();
    }
}
