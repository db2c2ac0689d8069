package dev.voiceconsole.engine;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a whisper.cpp ggml model without weight tensors. whisper.cpp loads such a file as an "empty model for
 * testing": the full architecture runs (so timings and threading are real) but produces no meaningful text. Tests,
 * the benchmark and installer self-checks use it because real models are 75 MB and more.
 *
 * <p>The file holds what a converted model holds before its tensors: hyper-parameters, a triangular mel filter bank
 * and the text vocabulary up to and including {@code <|endoftext|>} (50257 tokens). Like real converted models it leaves
 * the special tokens (start of transcript, languages, timestamps) to the loader, which synthesizes them up to n_vocab.
 */
public final class WeightlessModelWriter {
    /** Text tokens of whisper's byte-level BPE vocabulary, {@code <|endoftext|>} included. */
    static final int TEXT_TOKENS = 50257;

    private static final int SAMPLE_RATE = 16_000;
    private static final int FFT_SIZE = 400;

    private WeightlessModelWriter() {}

    /** Writes a weightless whisper tiny.en to {@code target} and returns it. */
    public static Path writeTinyEn(Path target) throws IOException {
        write(target, WhisperHparams.tinyEn());
        return target;
    }

    /** Writes a weightless model with the given hyper-parameters, replacing {@code target}. */
    public static void write(Path target, WhisperHparams hparams) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
            LittleEndianSink sink = new LittleEndianSink(out);
            sink.int32(ModelValidator.MAGIC);
            for (int value : hparams.inFileOrder()) {
                sink.int32(value);
            }
            int mels = hparams.nMels();
            sink.int32(mels);
            sink.int32(ModelValidator.FFT_BINS);
            for (float f : melFilterBank(mels)) {
                sink.float32(f);
            }
            writeVocabulary(sink, Math.max(0, Math.min(hparams.nVocab(), TEXT_TOKENS)), hparams.multilingual());
        }
    }

    private static void writeVocabulary(LittleEndianSink sink, int count, boolean multilingual) throws IOException {
        sink.int32(count);
        for (int id = 0; id < count; id++) {
            byte[] token;
            if (id < 256) {
                // byte-level BPE: every byte value is a token, so any prompt can be tokenized
                token = new byte[] {(byte) id};
            } else if (id == TEXT_TOKENS - 1 && !multilingual) {
                // the English-only vocabulary ends with its end-of-text token; the multilingual one keeps it a special
                token = "<|endoftext|>".getBytes(StandardCharsets.US_ASCII);
            } else {
                token = fillerToken(id);
            }
            sink.int32(token.length);
            sink.bytes(token);
        }
    }

    /** A unique word-like token (" wbaa"), so the vocabulary has no duplicates and reads like text. */
    private static byte[] fillerToken(int id) {
        StringBuilder word = new StringBuilder(" w");
        int rest = id;
        do {
            word.append((char) ('a' + rest % 26));
            rest /= 26;
        } while (rest > 0);
        return word.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Slaney-normalized triangular filters on the HTK mel scale from 0 Hz to Nyquist over the 201 bins of a 400-point
     * FFT at 16 kHz: the same shape as whisper's own filters, row-major [mel][bin].
     */
    static float[] melFilterBank(int mels) {
        int bins = ModelValidator.FFT_BINS;
        double maxMel = hzToMel(SAMPLE_RATE / 2.0);
        double[] edgesHz = new double[mels + 2];
        for (int i = 0; i < edgesHz.length; i++) {
            edgesHz[i] = melToHz(maxMel * i / (mels + 1));
        }
        float[] filters = new float[mels * bins];
        for (int m = 0; m < mels; m++) {
            double lo = edgesHz[m];
            double centre = edgesHz[m + 1];
            double hi = edgesHz[m + 2];
            double norm = 2.0 / (hi - lo);
            for (int k = 0; k < bins; k++) {
                double hz = (double) k * SAMPLE_RATE / FFT_SIZE;
                double rising = (hz - lo) / (centre - lo);
                double falling = (hi - hz) / (hi - centre);
                double weight = Math.max(0.0, Math.min(rising, falling));
                filters[m * bins + k] = (float) (weight * norm);
            }
        }
        return filters;
    }

    private static double hzToMel(double hz) {
        return 2595.0 * Math.log10(1.0 + hz / 700.0);
    }

    private static double melToHz(double mel) {
        return 700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0);
    }

    /** Little-endian primitive writes onto a stream. */
    static final class LittleEndianSink {
        private final OutputStream out;
        private final ByteBuffer scratch = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);

        LittleEndianSink(OutputStream out) {
            this.out = out;
        }

        void int32(int value) throws IOException {
            scratch.clear();
            scratch.putInt(value);
            out.write(scratch.array(), 0, 4);
        }

        void float32(float value) throws IOException {
            int32(Float.floatToRawIntBits(value));
        }

        void bytes(byte[] data) throws IOException {
            out.write(data);
        }
    }
}
