package dev.voiceconsole.audio;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sequential reader of a WAV file's audio as mono floats, a block at a time, so hour-long files never have to sit
 * in memory at their original rate. The header is parsed when the stream is opened ({@link WavReader#open}).
 *
 * <p>Chunk walking follows RIFF: unknown chunks (LIST, bext, fact, cue ...) are skipped including their pad byte
 * when odd-sized. Reading stops at the end of the data chunk; anything after it is ignored. A data chunk shorter
 * than its header claims (a recorder that crashed) is read as far as it goes, with a warning, and
 * {@link #truncated()} becomes true; a data size of 0xFFFFFFFF (streaming writers) means "until end of file".
 * More than two channels are averaged like stereo.
 */
public final class WavStream implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(WavStream.class);

    public static final int MIN_RATE = 8000;
    public static final int MAX_RATE = 192_000;
    public static final int MAX_CHANNELS = 32;
    private static final long UNKNOWN_SIZE = 0xFFFFFFFFL;
    private static final int FORMAT_PCM = 0x0001;
    private static final int FORMAT_FLOAT = 0x0003;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;

    private final InputStream in;
    private final String name;
    private final WavFormat format;
    private final long declaredDataBytes; // -1 when unknown
    private final byte[] block;
    private long dataBytesRead;
    private boolean ended;
    private boolean truncated;

    WavStream(InputStream in, String name) throws IOException {
        this.in = in;
        this.name = name;
        byte[] riff = new byte[12];
        int got = in.readNBytes(riff, 0, 12);
        String magic = got >= 4 ? ascii(riff, 0) : "";
        if (got < 12 || !magic.equals("RIFF")) {
            if (magic.equals("RF64")) {
                throw invalid("uses the RF64 (over 4 GB) WAV variant, which is not supported");
            }
            if (magic.equals("RIFX")) {
                throw invalid("is a big-endian (RIFX) WAV file, which is not supported");
            }
            throw invalid(got == 0 ? "is empty" : "is not a WAV file (no RIFF header)");
        }
        if (!ascii(riff, 8).equals("WAVE")) {
            throw invalid("is a RIFF file but not WAVE audio (form type '" + printable(ascii(riff, 8)) + "')");
        }
        WavFormat fmt = null;
        while (true) {
            byte[] header = new byte[8];
            int n = in.readNBytes(header, 0, 8);
            if (n < 8) {
                throw invalid(fmt == null ? "has no fmt chunk (no audio format description)" : "has no data chunk");
            }
            String id = ascii(header, 0);
            long size = u32(header, 4);
            if (id.equals("fmt ")) {
                if (size < 16 || size > 4096) {
                    throw invalid("has a malformed fmt chunk (" + size + " bytes)");
                }
                byte[] body = readFully(in, (int) size, "fmt");
                skipPad(size);
                fmt = parseFormat(body);
            } else if (id.equals("data")) {
                if (fmt == null) {
                    throw invalid("has its data chunk before the fmt chunk, so its audio format is unknown");
                }
                this.format = fmt;
                this.declaredDataBytes = size == UNKNOWN_SIZE ? -1 : size;
                int frames = Math.max(1, 65536 / fmt.bytesPerFrame());
                this.block = new byte[frames * fmt.bytesPerFrame()];
                LOG.debug("{}: {}, data {} bytes", name, fmt, declaredDataBytes < 0 ? "unknown" : declaredDataBytes);
                return;
            } else {
                long skip = size + (size & 1);
                try {
                    in.skipNBytes(skip);
                } catch (EOFException e) {
                    throw invalid("ends inside its '" + printable(id) + "' chunk, before any audio data");
                }
            }
        }
    }

    public WavFormat format() {
        return format;
    }

    /** The file's name as used in messages. */
    public String name() {
        return name;
    }

    /** Frames the data chunk declares, or -1 when the writer left the size open. */
    public long declaredFrames() {
        return declaredDataBytes < 0 ? -1 : declaredDataBytes / format.bytesPerFrame();
    }

    /** True once reading has hit end of file before the declared end of the data chunk. */
    public boolean truncated() {
        return truncated;
    }

    /**
     * Reads up to {@code dst.length} mono samples.
     *
     * @return the number read, or -1 at the end of the audio
     */
    public int read(float[] dst) throws IOException {
        return read(dst, 0, dst.length);
    }

    public int read(float[] dst, int offset, int length) throws IOException {
        if (ended) {
            return -1;
        }
        int frameBytes = format.bytesPerFrame();
        long want = (long) Math.min(length, block.length / frameBytes) * frameBytes;
        if (declaredDataBytes >= 0) {
            long left = declaredDataBytes - dataBytesRead;
            want = Math.min(want, left - left % frameBytes);
        }
        if (want <= 0) {
            finish();
            return -1;
        }
        int got = in.readNBytes(block, 0, (int) want);
        dataBytesRead += got;
        int frames = got / frameBytes;
        if (got < want) {
            finish();
        }
        if (frames == 0) {
            return -1;
        }
        decode(block, frames, dst, offset);
        return frames;
    }

    private void finish() {
        ended = true;
        long wholeFrames = dataBytesRead / format.bytesPerFrame(); // a torn last frame is not audio
        if (declaredDataBytes >= 0 && dataBytesRead < declaredDataBytes - declaredDataBytes % format.bytesPerFrame()) {
            truncated = true;
            LOG.warn(
                    "{}: data chunk truncated: header says {} bytes, file has {}; using the {} s that are there",
                    name,
                    declaredDataBytes,
                    dataBytesRead,
                    String.format("%.2f", wholeFrames / (double) format.sampleRate()));
        }
    }

    private void decode(byte[] src, int frames, float[] dst, int offset) {
        int ch = format.channels();
        float scaleMix = 1f / ch;
        int p = 0;
        switch (format.bitsPerSample() * (format.floatingPoint() ? -1 : 1)) {
            case 8 -> {
                for (int f = 0; f < frames; f++) {
                    int sum = 0;
                    for (int c = 0; c < ch; c++) {
                        sum += (src[p++] & 0xFF) - 128;
                    }
                    dst[offset + f] = sum * (scaleMix / 128f);
                }
            }
            case 16 -> {
                for (int f = 0; f < frames; f++) {
                    int sum = 0;
                    for (int c = 0; c < ch; c++, p += 2) {
                        sum += (short) ((src[p] & 0xFF) | (src[p + 1] << 8));
                    }
                    dst[offset + f] = sum * (scaleMix / 32768f);
                }
            }
            case 24 -> {
                for (int f = 0; f < frames; f++) {
                    long sum = 0;
                    for (int c = 0; c < ch; c++, p += 3) {
                        sum += (src[p] & 0xFF) | ((src[p + 1] & 0xFF) << 8) | (src[p + 2] << 16);
                    }
                    dst[offset + f] = (float) (sum * (1.0 / 8388608.0) / ch);
                }
            }
            case 32 -> {
                for (int f = 0; f < frames; f++) {
                    double sum = 0;
                    for (int c = 0; c < ch; c++, p += 4) {
                        sum += le32(src, p);
                    }
                    dst[offset + f] = (float) (sum * (1.0 / 2147483648.0) / ch);
                }
            }
            case -32 -> {
                for (int f = 0; f < frames; f++) {
                    float sum = 0;
                    for (int c = 0; c < ch; c++, p += 4) {
                        sum += Float.intBitsToFloat(le32(src, p));
                    }
                    dst[offset + f] = sum * scaleMix;
                }
            }
            case -64 -> {
                for (int f = 0; f < frames; f++) {
                    double sum = 0;
                    for (int c = 0; c < ch; c++, p += 8) {
                        long bits = (le32(src, p) & 0xFFFFFFFFL) | ((long) le32(src, p + 4) << 32);
                        sum += Double.longBitsToDouble(bits);
                    }
                    dst[offset + f] = (float) (sum / ch);
                }
            }
            default -> throw new IllegalStateException("unreachable: " + format);
        }
    }

    private WavFormat parseFormat(byte[] b) throws InvalidAudioException {
        int tag = u16(b, 0);
        int channels = u16(b, 2);
        long rate = u32(b, 4);
        int bits = u16(b, 14);
        if (tag == FORMAT_EXTENSIBLE) {
            if (b.length < 40) {
                throw invalid("has a WAVE_FORMAT_EXTENSIBLE header that is too short (" + b.length + " bytes)");
            }
            tag = u16(b, 24); // first two bytes of the sub-format GUID carry the classic format code
        }
        if (tag != FORMAT_PCM && tag != FORMAT_FLOAT) {
            throw invalid(
                    String.format("uses compressed format 0x%04X%s; only PCM WAV is supported", tag, formatName(tag)));
        }
        boolean isFloat = tag == FORMAT_FLOAT;
        if (channels < 1 || channels > MAX_CHANNELS) {
            throw invalid("declares " + channels + " channels; 1 to " + MAX_CHANNELS + " are supported");
        }
        if (rate < MIN_RATE || rate > MAX_RATE) {
            throw invalid(
                    "has a sample rate of " + rate + " Hz; " + MIN_RATE + " to " + MAX_RATE + " Hz are supported");
        }
        boolean supported =
                isFloat ? (bits == 32 || bits == 64) : (bits == 8 || bits == 16 || bits == 24 || bits == 32);
        if (!supported) {
            throw invalid("uses " + bits + "-bit " + (isFloat ? "float" : "integer")
                    + " samples; supported are 8/16/24/32-bit integer and 32/64-bit float");
        }
        return new WavFormat((int) rate, channels, bits, isFloat);
    }

    private static String formatName(int tag) {
        String n = switch (tag) {
            case 0x0002 -> "MS ADPCM";
            case 0x0006 -> "A-law";
            case 0x0007 -> "mu-law";
            case 0x0011 -> "IMA ADPCM";
            case 0x0031 -> "GSM 6.10";
            case 0x0050 -> "MPEG";
            case 0x0055 -> "MP3";
            case 0x0161, 0x0162, 0x0163 -> "WMA";
            case 0x00FF, 0x1610 -> "AAC";
            case 0xF1AC -> "FLAC";
            default -> null;
        };
        return n == null ? "" : " (" + n + ")";
    }

    private byte[] readFully(InputStream s, int n, String what) throws IOException {
        byte[] b = s.readNBytes(n);
        if (b.length < n) {
            throw invalid("ends inside its " + what + " chunk");
        }
        return b;
    }

    private void skipPad(long size) throws IOException {
        if ((size & 1) == 1) {
            in.read();
        }
    }

    private InvalidAudioException invalid(String what) {
        return new InvalidAudioException(name + " " + what);
    }

    private static String ascii(byte[] b, int off) {
        return new String(b, off, 4, StandardCharsets.ISO_8859_1);
    }

    private static String printable(String s) {
        return s.replaceAll("[^\\x20-\\x7E]", "?");
    }

    private static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) | ((b[off + 1] & 0xFF) << 8);
    }

    private static long u32(byte[] b, int off) {
        return le32(b, off) & 0xFFFFFFFFL;
    }

    private static int le32(byte[] b, int off) {
        return (b[off] & 0xFF) | ((b[off + 1] & 0xFF) << 8) | ((b[off + 2] & 0xFF) << 16) | (b[off + 3] << 24);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
