package dev.voiceconsole.engine;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a whisper.cpp model with hparams, mel filters and vocabulary but no tensors. whisper.cpp loads such a file
 * as an empty model and runs inference at full cost, producing no text: tests, benchmarks and installer checks use
 * it where no real weights can be downloaded.
 */
public final class WeightlessModelWriter {

    /** Hyper-parameters of a whisper model, in file order. */
    public record Hparams(int nVocab, int nAudioCtx, int nAudioState, int nAudioHead, int nAudioLayer, int nTextCtx,
                          int nTextState, int nTextHead, int nTextLayer, int nMels, int ftype) {

        /** The shape of whisper.cpp's tiny.en. */
        public static Hparams tinyEn() {
            return new Hparams(51864, 1500, 384, 6, 4, 448, 384, 6, 4, 80, 1);
        }

        /** The shape of whisper.cpp's base.en. */
        public static Hparams baseEn() {
            return new Hparams(51864, 1500, 512, 8, 6, 448, 512, 8, 6, 80, 1);
        }
    }

    /** Bins of a 400-point FFT, what whisper's mel filters cover. */
    private static final int N_FFT_BINS = 201;
    /** Byte-level tokens of the GPT-2 vocabulary whisper builds on; whisper.cpp adds the special tokens itself. */
    private static final int TEXT_TOKENS = 50257;

    private WeightlessModelWriter() {
    }

    public static Path write(Path file, Hparams h) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
            writeIntLe(out, ModelValidator.GGML_MAGIC);
            for (int v : new int[]{h.nVocab(), h.nAudioCtx(), h.nAudioState(), h.nAudioHead(), h.nAudioLayer(),
                    h.nTextCtx(), h.nTextState(), h.nTextHead(), h.nTextLayer(), h.nMels(), h.ftype()}) {
                writeIntLe(out, v);
            }
            writeIntLe(out, h.nMels());
            writeIntLe(out, N_FFT_BINS);
            for (int mel = 0; mel < h.nMels(); mel++) {
                for (int bin = 0; bin < N_FFT_BINS; bin++) {
                    writeIntLe(out, Float.floatToIntBits(triangularFilter(mel, bin, h.nMels())));
                }
            }
            int tokens = Math.min(TEXT_TOKENS, h.nVocab());
            writeIntLe(out, tokens);
            for (int i = 0; i < tokens; i++) {
                byte[] token = tokenBytes(i);
                writeIntLe(out, token.length);
                out.write(token);
            }
        }
        return file;
    }

    /** Evenly spaced triangles: plausible filters, so the mel spectrogram whisper computes is not all zeros. */
    private static float triangularFilter(int mel, int bin, int nMels) {
        double center = (mel + 1) * (N_FFT_BINS - 1) / (double) (nMels + 1);
        double width = (N_FFT_BINS - 1) / (double) (nMels + 1);
        double distance = Math.abs(bin - center);
        return distance >= width ? 0f : (float) (1 - distance / width);
    }

    /**
     * whisper.cpp looks some tokens up by their text, so the first 256 ids must be GPT-2's byte alphabet in its
     * order: the printable bytes first, then the rest. Bytes that are not UTF-8 on their own are stored as U+FFFD,
     * as whisper.cpp's own conversion script writes them. The remaining ids only need to be distinct.
     */
    private static byte[] tokenBytes(int id) {
        if (id == TEXT_TOKENS - 1) {
            return "<|endoftext|>".getBytes(StandardCharsets.UTF_8);
        }
        if (id < BYTE_ALPHABET.length) {
            int b = BYTE_ALPHABET[id];
            return b < 0x80 ? new byte[]{(byte) b} : "\uFFFD".getBytes(StandardCharsets.UTF_8);
        }
        return ("tok" + id).getBytes(StandardCharsets.UTF_8);
    }

    private static final int[] BYTE_ALPHABET = byteAlphabet();

    private static int[] byteAlphabet() {
        int[] order = new int[256];
        boolean[] printable = new boolean[256];
        int n = 0;
        for (int b = 0; b < 256; b++) {
            if ((b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF)) {
                order[n++] = b;
                printable[b] = true;
            }
        }
        for (int b = 0; b < 256; b++) {
            if (!printable[b]) {
                order[n++] = b;
            }
        }
        return order;
    }

    private static void writeIntLe(DataOutputStream out, int v) throws IOException {
        out.writeInt(Integer.reverseBytes(v));
    }
}
