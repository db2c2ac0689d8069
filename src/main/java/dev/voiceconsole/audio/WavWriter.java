package dev.voiceconsole.audio;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes 16-bit PCM WAV files, either at once ({@link #write}) or incrementally ({@link #create} then
 * {@link #append}, sizes patched on {@link #close}). Samples outside [-1, 1) are clipped.
 */
public final class WavWriter implements Closeable {

    private static final int HEADER_BYTES = 44;
    private static final long MAX_DATA_BYTES = 0xFFFFFFFFL - 36;

    private final FileChannel channel;
    private final int sampleRate;
    private final int channels;
    private long dataBytes;
    private boolean closed;

    private WavWriter(FileChannel channel, int sampleRate, int channels) {
        this.channel = channel;
        this.sampleRate = sampleRate;
        this.channels = channels;
    }

    /** Starts a file (replacing any existing one) to which interleaved frames are appended. */
    public static WavWriter create(Path path, int sampleRate, int channels) throws IOException {
        check(sampleRate, channels);
        FileChannel ch = FileChannel.open(
                path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        WavWriter w = new WavWriter(ch, sampleRate, channels);
        try {
            w.writeFully(header(sampleRate, channels, 0));
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return w;
    }

    public static void write(Path path, int sampleRate, float[] mono) throws IOException {
        write(path, sampleRate, 1, mono);
    }

    public static void write(Path path, int sampleRate, int channels, float[] interleaved) throws IOException {
        try (WavWriter w = create(path, sampleRate, channels)) {
            w.append(interleaved);
        }
    }

    /** A whole WAV file in memory. */
    public static byte[] toBytes(int sampleRate, int channels, float[] interleaved) {
        check(sampleRate, channels);
        checkFrames(interleaved, channels);
        ByteBuffer b = header(sampleRate, channels, interleaved.length * 2L);
        byte[] out = new byte[HEADER_BYTES + interleaved.length * 2];
        b.get(out, 0, HEADER_BYTES);
        byte[] pcm = Pcm16.fromFloat(interleaved);
        System.arraycopy(pcm, 0, out, HEADER_BYTES, pcm.length);
        return out;
    }

    /** Appends interleaved frames (length a multiple of the channel count). */
    public void append(float[] interleaved) throws IOException {
        if (closed) {
            throw new IllegalStateException("WAV writer already closed");
        }
        checkFrames(interleaved, channels);
        if (dataBytes + interleaved.length * 2L > MAX_DATA_BYTES) {
            throw new IOException("WAV file would exceed 4 GB; start a new file");
        }
        writeFully(ByteBuffer.wrap(Pcm16.fromFloat(interleaved)));
        dataBytes += interleaved.length * 2L;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.position(0);
            writeFully(header(sampleRate, channels, dataBytes));
        } finally {
            channel.close();
        }
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    private static ByteBuffer header(int sampleRate, int channels, long dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'R', 'I', 'F', 'F'}).putInt((int) (36 + dataBytes)).put(new byte[] {'W', 'A', 'V', 'E'});
        b.put(new byte[] {'f', 'm', 't', ' '})
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) channels)
                .putInt(sampleRate)
                .putInt(sampleRate * channels * 2)
                .putShort((short) (channels * 2))
                .putShort((short) 16);
        b.put(new byte[] {'d', 'a', 't', 'a'}).putInt((int) dataBytes);
        return b.flip();
    }

    private static void check(int sampleRate, int channels) {
        if (sampleRate < 1000 || sampleRate > 768_000) {
            throw new IllegalArgumentException("sample rate must be 1000..768000 Hz, was " + sampleRate);
        }
        if (channels < 1 || channels > 32) {
            throw new IllegalArgumentException("channel count must be 1..32, was " + channels);
        }
    }

    private static void checkFrames(float[] interleaved, int channels) {
        if (interleaved.length % channels != 0) {
            throw new IllegalArgumentException(
                    interleaved.length + " samples are not whole frames of " + channels + " channels");
        }
    }
}
