package dev.voiceconsole.capture;

import dev.voiceconsole.audio.EpochMicros;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.TargetDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures one microphone into {@link AudioBlock}s until closed.
 *
 * <p>Two threads. The reader thread does nothing but read chunk-sized blocks from the device, measure their level
 * and offer them to a bounded queue; it never waits for the consumer, because a reader that waits lets the
 * driver's buffer overflow and the driver then discards audio without telling anyone. The delivery thread hands
 * queued blocks to the {@link CaptureListener}. When the listener falls behind by more than
 * {@link CaptureSettings#bufferMillis()}, newly read blocks are dropped and counted; the blocks already queued stay
 * in order, and the gap shows as a jump in {@link AudioBlock#sequence()} (the worker reports it as a gap).
 *
 * <p>Buffer sizing: the device line buffer is {@value #LINE_BUFFER_CHUNKS} chunks (200 ms at 20 ms chunks), enough
 * for the reader thread to be descheduled for well over 100 ms; its queue hand-off takes microseconds. The hand-off
 * queue holds {@code bufferMillis / chunkMillis} blocks (2 s by default), which a UI redraw or a GC pause never
 * fills.
 */
public final class MicrophoneCapture implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MicrophoneCapture.class);
    static final int LINE_BUFFER_CHUNKS = 10;
    private static final long JOIN_MILLIS = 2000;
    /**
     * A line that delivers nothing for this long has failed even if no call says so: when the sound server vanishes,
     * the ALSA pulse plugin can spin inside a native call forever, so the reader never returns to report it.
     */
    private static final long STALL_MILLIS = 3000;

    private final CaptureSettings settings;
    private final CaptureDevice device;
    private final CaptureListener listener;
    private final TargetDataLine line;
    private final Clock clock;
    private final BlockingQueue<AudioBlock> queue;
    private final Thread reader;
    private final Thread delivery;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean readerDone;
    private volatile CaptureException failure;

    private final AtomicLong blocksCaptured = new AtomicLong();
    private final AtomicLong blocksDelivered = new AtomicLong();
    private final AtomicLong blocksDropped = new AtomicLong();
    private final AtomicLong lineOverruns = new AtomicLong();

    @SuppressWarnings("ThreadPriorityCheck") // a hint for the reader below; nothing relies on it being honoured
    private MicrophoneCapture(
            CaptureSettings settings,
            CaptureDevice device,
            TargetDataLine line,
            CaptureListener listener,
            Clock clock) {
        this.settings = settings;
        this.device = device;
        this.line = line;
        this.listener = listener;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.reader = new Thread(this::readLoop, "capture-reader");
        this.reader.setDaemon(true);
        // The reader is the one thread whose lateness loses audio.
        this.reader.setPriority(Thread.MAX_PRIORITY);
        this.delivery = new Thread(this::deliveryLoop, "capture-delivery");
        this.delivery.setDaemon(true);
    }

    /**
     * Opens the device the settings name and starts capturing.
     *
     * @throws CaptureException with a message for the user when there is no microphone, the named one is missing
     *                          or busy, or the rate is not offered
     */
    public static MicrophoneCapture start(CaptureSettings settings, CaptureListener listener) throws CaptureException {
        CaptureDevice device = CaptureDevices.choose(settings);
        AudioFormat format = CaptureDevices.format(settings.sampleRate());
        Mixer mixer = CaptureDevices.mixer(device)
                .orElseThrow(() -> new CaptureException(
                        CaptureException.Reason.DEVICE_NOT_FOUND, "Microphone '" + device.name() + "' disappeared"));
        TargetDataLine line;
        try {
            line = (TargetDataLine) mixer.getLine(CaptureDevices.lineInfo(settings.sampleRate()));
            line.open(format, LINE_BUFFER_CHUNKS * settings.chunkFrames() * format.getFrameSize());
        } catch (LineUnavailableException | SecurityException e) {
            throw new CaptureException(
                    CaptureException.Reason.DEVICE_BUSY,
                    "Microphone '" + device.name() + "' is busy or unavailable: " + e.getMessage(),
                    e);
        } catch (IllegalArgumentException e) {
            throw new CaptureException(
                    CaptureException.Reason.UNSUPPORTED_FORMAT,
                    "Microphone '" + device.name() + "' does not support " + settings.sampleRate() + " Hz mono 16-bit: "
                            + e.getMessage(),
                    e);
        }
        MicrophoneCapture capture = new MicrophoneCapture(settings, device, line, listener, Clock.systemUTC());
        log.info(
                "Capturing from '{}' at {} Hz, {} ms blocks, line buffer {} bytes, queue {} blocks",
                device.name(),
                settings.sampleRate(),
                settings.chunkMillis(),
                line.getBufferSize(),
                settings.queueCapacity());
        line.start();
        capture.reader.start();
        capture.delivery.start();
        return capture;
    }

    public CaptureDevice device() {
        return device;
    }

    public CaptureSettings settings() {
        return settings;
    }

    public CaptureStats stats() {
        return new CaptureStats(
                blocksCaptured.get(), blocksDelivered.get(), blocksDropped.get(), lineOverruns.get(), queue.size());
    }

    private void readLoop() {
        int chunkBytes = settings.chunkFrames() * 2;
        int lineBufferBytes = line.getBufferSize();
        int rate = settings.sampleRate();
        long framesRead = 0;
        long firstSampleMicros = 0;
        long sequence = 0;
        try {
            while (!closed.get()) {
                byte[] pcm = new byte[chunkBytes];
                int read = readFully(pcm);
                if (read < chunkBytes) {
                    if (!closed.get()) {
                        failure = stoppedDelivering();
                    }
                    return;
                }
                int available = line.available();
                if (sequence == 0) {
                    // Anchor on the audio clock once: the block just read plus what is already buffered behind it
                    // were captured before now. Later blocks follow from the frame count, not from wake-up times.
                    long bufferedFrames = (long) settings.chunkFrames() + available / 2;
                    firstSampleMicros = EpochMicros.of(clock.instant()) - bufferedFrames * 1_000_000L / rate;
                }
                if (available >= lineBufferBytes - chunkBytes) {
                    long overruns = lineOverruns.incrementAndGet();
                    // A machine that is too slow would otherwise log 50 times a second.
                    if (overruns == 1 || overruns % 100 == 0) {
                        log.warn(
                                "Capture line buffer of '{}' nearly full ({} of {} bytes, {} times so far):"
                                        + " the reader thread was late and the driver may have lost audio",
                                device.name(),
                                available,
                                lineBufferBytes,
                                overruns);
                    }
                }
                sequence++;
                PcmLevels levels = PcmLevels.of(pcm, 0, pcm.length);
                AudioBlock block = new AudioBlock(
                        pcm,
                        rate,
                        sequence,
                        firstSampleMicros + framesRead * 1_000_000L / rate,
                        levels.rmsDbfs(),
                        levels.peakDbfs());
                framesRead += settings.chunkFrames();
                blocksCaptured.incrementAndGet();
                if (!queue.offer(block)) {
                    blocksDropped.incrementAndGet();
                }
            }
        } catch (RuntimeException e) {
            if (!closed.get()) {
                failure = new CaptureException(
                        CaptureException.Reason.DEVICE_FAILED,
                        "Microphone '" + device.name() + "' failed: " + e.getMessage(),
                        e);
            }
        } finally {
            readerDone = true;
        }
    }

    /** The same words whether the reader saw the line end or the delivery thread saw it go quiet. */
    private CaptureException stoppedDelivering() {
        return new CaptureException(
                CaptureException.Reason.DEVICE_FAILED, "Microphone '" + device.name() + "' stopped delivering audio");
    }

    private int readFully(byte[] pcm) {
        int total = 0;
        while (total < pcm.length && !closed.get()) {
            // TargetDataLine.read blocks until the request is complete; it returns short only when the line was
            // stopped, closed or failed.
            int n = line.read(pcm, total, pcm.length - total);
            if (n <= 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private void deliveryLoop() {
        long lastBlockNanos = System.nanoTime();
        try {
            while (true) {
                AudioBlock block = queue.poll(50, TimeUnit.MILLISECONDS);
                if (block != null) {
                    deliver(block);
                    lastBlockNanos = System.nanoTime();
                } else if (readerDone && queue.isEmpty()) {
                    break;
                } else if (!closed.get() && System.nanoTime() - lastBlockNanos > STALL_MILLIS * 1_000_000L) {
                    failure = stoppedDelivering();
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        CaptureException failed = failure;
        if (failed != null) {
            log.warn("{}", failed.getMessage());
            try {
                listener.onFailure(failed);
            } catch (RuntimeException e) {
                log.warn("Capture listener failed while being told of: {}", failed.getMessage(), e);
            }
        }
    }

    private void deliver(AudioBlock block) {
        try {
            listener.onBlock(block);
        } catch (RuntimeException e) {
            // One faulty listener call must not end capture; the user would lose the rest of the dictation.
            log.warn("Capture listener failed on block {}", block.sequence(), e);
        }
        blocksDelivered.incrementAndGet();
    }

    /** Stops capture, delivers what was already queued and releases the device. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        release();
        join(reader);
        if (Thread.currentThread() != delivery) {
            join(delivery);
        }
        CaptureStats stats = stats();
        log.info(
                "Capture from '{}' stopped: {} blocks captured, {} delivered, {} dropped, {} line overruns",
                device.name(),
                stats.blocksCaptured(),
                stats.blocksDelivered(),
                stats.blocksDropped(),
                stats.lineOverruns());
    }

    /**
     * Stops and closes the line, waiting at most {@link #JOIN_MILLIS}: a reader stuck in a native call on a vanished
     * sound server holds the line's lock for good, and the window must still be able to stop dictating.
     */
    private void release() {
        Thread releaser = new Thread(
                () -> {
                    line.stop();
                    line.close();
                },
                "capture-release");
        releaser.setDaemon(true);
        releaser.start();
        try {
            releaser.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (releaser.isAlive()) {
            log.warn(
                    "Microphone '{}' did not release within {} ms; leaving it to the sound system",
                    device.name(),
                    JOIN_MILLIS);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(JOIN_MILLIS);
            if (thread.isAlive()) {
                log.warn("{} did not stop within {} ms; interrupting it", thread.getName(), JOIN_MILLIS);
                thread.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
