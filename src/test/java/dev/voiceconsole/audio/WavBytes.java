package dev.voiceconsole.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Hand-built RIFF/WAVE files for reader tests, including malformed ones. */
final class WavBytes {

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private String magic = "RIFF";
    private String form = "WAVE";

    static WavBytes wave() {
        return new WavBytes();
    }

    WavBytes magic(String m) {
        magic = m;
        return this;
    }

    WavBytes form(String f) {
        form = f;
        return this;
    }

    WavBytes fmt(int tag, int channels, int rate, int bits) {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) tag)
                .putShort((short) channels)
                .putInt(rate)
                .putInt(rate * channels * bits / 8)
                .putShort((short) (channels * bits / 8))
                .putShort((short) bits);
        return chunk("fmt ", b.array());
    }

    WavBytes fmtExtensible(int subFormat, int channels, int rate, int bits, int validBits) {
        ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0xFFFE)
                .putShort((short) channels)
                .putInt(rate)
                .putInt(rate * channels * bits / 8)
                .putShort((short) (channels * bits / 8))
                .putShort((short) bits)
                .putShort((short) 22)
                .putShort((short) validBits)
                .putInt(channels == 2 ? 3 : 4)
                .putShort((short) subFormat)
                .put(new byte[] {
                    0x00,
                    0x00,
                    0x00,
                    0x00,
                    0x10,
                    0x00,
                    (byte) 0x80,
                    0x00,
                    0x00,
                    (byte) 0xAA,
                    0x00,
                    0x38,
                    (byte) 0x9B,
                    0x71
                });
        return chunk("fmt ", b.array());
    }

    /** A chunk with the pad byte RIFF requires after odd sizes. */
    WavBytes chunk(String id, byte[] data) {
        return rawChunk(id, data.length, data, true);
    }

    /** A chunk whose declared size may differ from the bytes actually written. */
    WavBytes rawChunk(String id, long declaredSize, byte[] data, boolean pad) {
        body.writeBytes(id.getBytes(StandardCharsets.ISO_8859_1));
        body.writeBytes(le(4).putInt((int) declaredSize).array());
        body.writeBytes(data);
        if (pad && (data.length & 1) == 1) {
            body.write(0);
        }
        return this;
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(magic.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(le(4).putInt(4 + body.size()).array());
        out.writeBytes(form.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
