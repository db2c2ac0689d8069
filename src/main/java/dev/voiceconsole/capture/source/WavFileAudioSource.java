package dev.voiceconsole.capture.source;

import dev.voiceconsole.audio.Pcm16;
import dev.voiceconsole.audio.RealTimePacer;
import dev.voiceconsole.audio.WavReader;
import java.io.IOException;
import java.nio.file.Path;

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
        try {
            new RealTimePacer(RATE, 1, BLOCK_MS, pace)
                    .play(
                            pcm,
                            () -> stopped,
                            (block, captureUs) -> consumer.onBlock(block, captureUs, AudioLevel.dbfs(block)));
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
