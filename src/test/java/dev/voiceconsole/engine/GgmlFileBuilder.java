package dev.voiceconsole.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds ggml model files byte by byte, so tests can produce every malformation the validator must catch. */
final class GgmlFileBuilder {
    static final int HPARAMS_OFFSET = 4;
    static final int FILTERS_OFFSET = 56;
    static final int FILTER_BYTES = 80 * 201 * 4;
    static final int VOCAB_OFFSET = FILTERS_OFFSET + FILTER_BYTES;

    private int magic = ModelValidator.MAGIC;
    private int[] hparams = WhisperHparams.tinyEn().inFileOrder();
    private int nMel = 80;
    private int nFft = 201;
    private final List<byte[]> tokens = new ArrayList<>(List.of(bytes("a"), bytes("b"), bytes("<|endoftext|>")));
    private Integer tokenLengthOverride;
    private final ByteArrayOutputStream tail = new ByteArrayOutputStream();

    GgmlFileBuilder magic(int value) {
        magic = value;
        return this;
    }

    GgmlFileBuilder hparam(int index, int value) {
        hparams[index] = value;
        return this;
    }

    GgmlFileBuilder filters(int mels, int fftBins) {
        nMel = mels;
        nFft = fftBins;
        return this;
    }

    /** The last token's length field claims this many bytes while only its real bytes follow. */
    GgmlFileBuilder lastTokenClaims(int length) {
        tokenLengthOverride = length;
        return this;
    }

    GgmlFileBuilder tensor(int type, String name, int[] dims, int dataBytes) {
        int32(tail, dims.length);
        byte[] nameBytes = bytes(name);
        int32(tail, nameBytes.length);
        int32(tail, type);
        for (int d : dims) {
            int32(tail, d);
        }
        tail.writeBytes(nameBytes);
        tail.writeBytes(new byte[dataBytes]);
        return this;
    }

    GgmlFileBuilder rawTail(byte[] data) {
        tail.writeBytes(data);
        return this;
    }

    byte[] build() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int32(out, magic);
        Arrays.stream(hparams).forEach(v -> int32(out, v));
        int32(out, nMel);
        int32(out, nFft);
        out.writeBytes(new byte[Math.max(0, nMel * nFft) * 4]);
        int32(out, tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            byte[] token = tokens.get(i);
            boolean last = i == tokens.size() - 1;
            int32(out, last && tokenLengthOverride != null ? tokenLengthOverride : token.length);
            out.writeBytes(token);
        }
        out.writeBytes(tail.toByteArray());
        return out.toByteArray();
    }

    Path writeTo(Path file) {
        return write(file, build());
    }

    static Path write(Path file, byte[] content) {
        try {
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void int32(ByteArrayOutputStream out, int value) {
        out.write(value);
        out.write(value >>> 8);
        out.write(value >>> 16);
        out.write(value >>> 24);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
