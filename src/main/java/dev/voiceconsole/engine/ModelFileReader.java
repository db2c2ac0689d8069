package dev.voiceconsole.engine;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Little-endian reads over a file channel through a small window, so that multi-gigabyte models are checked without
 * loading them; large regions (filters, tensor data) are skipped by moving the position.
 */
final class ModelFileReader implements AutoCloseable {
    private static final int WINDOW_BYTES = 64 * 1024;

    private final FileChannel channel;
    private final long size;
    private final ByteBuffer window = ByteBuffer.allocate(WINDOW_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    /** File offset of window[0]. */
    private long windowStart;

    ModelFileReader(FileChannel channel) throws IOException {
        this.channel = channel;
        this.size = channel.size();
        window.limit(0);
        windowStart = 0;
    }

    long size() {
        return size;
    }

    long position() {
        return windowStart + window.position();
    }

    long remaining() {
        return size - position();
    }

    int readInt() throws IOException {
        require(4);
        return window.getInt();
    }

    byte[] readBytes(int count) throws IOException {
        byte[] out = new byte[count];
        int done = 0;
        while (done < count) {
            if (!window.hasRemaining()) {
                refill();
                if (!window.hasRemaining()) {
                    throw new EOFException("unexpected end of file at offset " + position());
                }
            }
            int n = Math.min(window.remaining(), count - done);
            window.get(out, done, n);
            done += n;
        }
        return out;
    }

    void skip(long bytes) throws IOException {
        long target = position() + bytes;
        if (bytes < 0 || target > size) {
            throw new EOFException("skip past end of file");
        }
        if (target <= windowStart + window.limit()) {
            window.position((int) (target - windowStart));
        } else {
            windowStart = target;
            window.clear().limit(0);
        }
    }

    private void require(int bytes) throws IOException {
        if (window.remaining() < bytes) {
            refill();
            if (window.remaining() < bytes) {
                throw new EOFException("unexpected end of file at offset " + position());
            }
        }
    }

    /** Moves the unread rest of the window to its front and fills the remainder from the file. */
    private void refill() throws IOException {
        long readFrom = position();
        window.compact();
        windowStart = readFrom;
        while (window.hasRemaining()) {
            int n = channel.read(window, windowStart + window.position());
            if (n <= 0) {
                break;
            }
        }
        window.flip();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
