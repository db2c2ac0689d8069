package dev.voiceconsole.audio;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads uncompressed WAV files (PCM 8/16/24/32-bit, float 32/64-bit, plain or WAVE_FORMAT_EXTENSIBLE, 8 to 192 kHz)
 * as mono floats. Problems surface as {@link InvalidAudioException} with a message naming the file; see
 * {@link WavStream} for the rules on odd chunks and truncated files.
 */
public final class WavReader {

    private static final int TARGET_RATE = 16_000;

    private WavReader() {}

    /** Opens a file for block-wise reading; the caller closes the stream. */
    public static WavStream open(Path path) throws IOException {
        InputStream in = openFile(path);
        try {
            return new WavStream(in, String.valueOf(path.getFileName()));
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Parses the header of {@code in}; {@code name} is used in messages. Closing the result closes {@code in}. */
    public static WavStream open(InputStream in, String name) throws IOException {
        return new WavStream(in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 65536), name);
    }

    public static WavAudio read(Path path) throws IOException {
        try (WavStream s = open(path)) {
            return readAll(s);
        }
    }

    public static WavAudio read(InputStream in) throws IOException {
        return read(in, "audio stream");
    }

    /** Reads everything; does not close {@code in}. */
    public static WavAudio read(InputStream in, String name) throws IOException {
        return readAll(open(in, name));
    }

    /**
     * Reads a file and converts it to 16 kHz mono on the fly (the original rate is never held in memory whole).
     * The result's {@code channels} is the file's channel count.
     */
    public static WavAudio readAs16kMono(Path path) throws IOException {
        try (WavStream s = open(path)) {
            Resampler resampler = Resampler.create(s.format().sampleRate(), TARGET_RATE);
            long declared = s.declaredFrames();
            FloatBuffer out = new FloatBuffer(
                    declared < 0
                            ? 1 << 16
                            : (int) Math.min(declared * TARGET_RATE / s.format().sampleRate() + 16, 1 << 24));
            float[] block = new float[16384];
            int n;
            while ((n = s.read(block)) >= 0) {
                out.add(resampler.process(n == block.length ? block : Arrays.copyOf(block, n)));
            }
            out.add(resampler.flush());
            return new WavAudio(TARGET_RATE, s.format().channels(), out.toArray(), s.truncated());
        }
    }

    private static WavAudio readAll(WavStream s) throws IOException {
        long declared = s.declaredFrames();
        if (declared > Integer.MAX_VALUE - 8) {
            throw new InvalidAudioException(s.name() + " is too long to load at once (" + declared
                    + " frames); use readAs16kMono or WavReader.open to stream it");
        }
        // Never trust a header for a huge allocation: start bounded and grow with what actually arrives.
        FloatBuffer out = new FloatBuffer(declared < 0 ? 1 << 16 : (int) Math.min(declared, 1 << 24));
        float[] block = new float[16384];
        int n;
        while ((n = s.read(block)) >= 0) {
            out.add(block, n);
        }
        return new WavAudio(s.format().sampleRate(), s.format().channels(), out.toArray(), s.truncated());
    }

    private static InputStream openFile(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such audio file");
        }
        if (Files.isDirectory(path)) {
            throw new InvalidAudioException(path + " is a directory, not a WAV file");
        }
        return new BufferedInputStream(Files.newInputStream(path), 65536);
    }

    /** Growable float array without boxing. */
    private static final class FloatBuffer {
        private float[] data;
        private int size;

        FloatBuffer(int capacity) {
            data = new float[Math.max(16, capacity)];
        }

        void add(float[] src) {
            add(src, src.length);
        }

        void add(float[] src, int n) {
            if (size + n > data.length) {
                long grown = Math.max((long) data.length * 3 / 2, (long) size + n);
                if (grown > Integer.MAX_VALUE - 8) {
                    throw new IllegalStateException("audio longer than " + (Integer.MAX_VALUE - 8) + " samples");
                }
                data = Arrays.copyOf(data, (int) grown);
            }
            System.arraycopy(src, 0, data, size, n);
            size += n;
        }

        float[] toArray() {
            return size == data.length ? data : Arrays.copyOf(data, size);
        }
    }
}
