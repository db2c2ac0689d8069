package dev.voiceconsole.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Checks a whisper.cpp ggml model file in Java before native code opens it. whisper.cpp trusts the file: a corrupt
 * or truncated model makes it read past buffers or abort, which kills the whole JVM, so every section is checked
 * against the file length here. Streams through the file (models are up to 3 GB); tensor data is skipped, not read.
 */
public final class ModelValidator {

    static final int GGML_MAGIC = 0x67676d6c;
    /** whisper.cpp stores the quantization version in the ftype hparam as version * 1000 + type. */
    private static final int QUANT_VERSION_FACTOR = 1000;
    private static final int MAX_TOKEN_BYTES = 4096;
    private static final int MAX_TENSOR_NAME_BYTES = 512;

    private ModelValidator() {
    }

    public static GgmlModelInfo validate(Path file) throws InvalidModelException {
        String name = String.valueOf(file.getFileName());
        if (Files.isDirectory(file)) {
            throw new InvalidModelException(file + " is a directory, not a model file");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return new Reader(name, channel).read();
        } catch (NoSuchFileException e) {
            throw new InvalidModelException(file + ": no such model file");
        } catch (AccessDeniedException e) {
            throw new InvalidModelException(file + ": permission denied");
        } catch (IOException e) {
            throw new InvalidModelException("cannot read model " + file + ": " + e.getMessage());
        }
    }

    /** One pass over one file; positions are absolute so every message can say where the problem is. */
    private static final class Reader {
        private final String name;
        private final FileChannel channel;
        private final long size;
        private final ByteBuffer word = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        private long position;

        Reader(String name, FileChannel channel) throws IOException {
            this.name = name;
            this.channel = channel;
            this.size = channel.size();
        }

        GgmlModelInfo read() throws IOException, InvalidModelException {
            if (size < 4) {
                throw invalid("is too short to be a whisper.cpp model (" + size + " bytes)");
            }
            int magic = readInt("magic");
            if (magic != GGML_MAGIC) {
                throw invalid(String.format("is not a whisper.cpp ggml model (magic 0x%08x, expected 0x%08x)", magic, GGML_MAGIC));
            }
            require(44, "hparams");
            int nVocab = hparam("n_vocab", 1, 200_000);
            int nAudioCtx = hparam("n_audio_ctx", 1, 4096);
            int nAudioState = hparam("n_audio_state", 1, 8192);
            int nAudioHead = hparam("n_audio_head", 1, 256);
            int nAudioLayer = hparam("n_audio_layer", 1, 256);
            int nTextCtx = hparam("n_text_ctx", 1, 4096);
            int nTextState = hparam("n_text_state", 1, 8192);
            int nTextHead = hparam("n_text_head", 1, 256);
            int nTextLayer = hparam("n_text_layer", 1, 256);
            int nMels = hparam("n_mels", 1, 256);
            int rawFtype = hparam("ftype", 0, 100 * QUANT_VERSION_FACTOR);
            if (nMels != 80 && nMels != 128) {
                throw invalid("has n_mels = " + nMels + "; whisper models use 80 or 128");
            }
            if (nAudioState % nAudioHead != 0 || nTextState % nTextHead != 0) {
                throw invalid("has a state size that is not a multiple of its head count (audio " + nAudioState + "/"
                        + nAudioHead + ", text " + nTextState + "/" + nTextHead + ")");
            }
            int ftype = rawFtype % QUANT_VERSION_FACTOR;

            require(8, "mel filter header");
            int filterMels = readInt("n_mel");
            int filterFft = readInt("n_fft");
            if (filterMels != nMels) {
                throw invalid("has " + filterMels + " mel filters but n_mels = " + nMels);
            }
            if (filterFft < 1 || filterFft > 4096) {
                throw invalid("has n_fft = " + filterFft + " in its mel filters (expected 1..4096)");
            }
            skip((long) filterMels * filterFft * 4, "mel filters");

            require(4, "vocabulary size");
            int vocabTokens = readInt("vocabulary size");
            if (vocabTokens < 1 || vocabTokens > nVocab) {
                throw invalid("declares " + vocabTokens + " vocabulary tokens (expected 1.." + nVocab + ")");
            }
            for (int i = 0; i < vocabTokens; i++) {
                require(4, "vocabulary token " + i);
                int length = readInt("token length");
                if (length < 0 || length > MAX_TOKEN_BYTES) {
                    throw invalid("has vocabulary token " + i + " of " + Integer.toUnsignedString(length)
                            + " bytes at offset " + (position - 4) + " (at most " + MAX_TOKEN_BYTES + ")");
                }
                skip(length, "vocabulary token " + i);
            }

            int tensors = 0;
            while (position < size) {
                readTensor(tensors);
                tensors++;
            }
            return new GgmlModelInfo(nVocab, nAudioCtx, nAudioState, nAudioHead, nAudioLayer, nTextCtx, nTextState,
                    nTextHead, nTextLayer, nMels, ftype, rawFtype / QUANT_VERSION_FACTOR, filterMels, filterFft,
                    vocabTokens, tensors, size);
        }

        private void readTensor(int index) throws IOException, InvalidModelException {
            long start = position;
            require(12, "tensor " + index + " header");
            int nDims = readInt("n_dims");
            int nameLength = readInt("name length");
            int type = readInt("tensor type");
            if (nDims < 1 || nDims > 4) {
                throw invalid("has tensor " + index + " at offset " + start + " with " + nDims + " dimensions (expected 1..4)");
            }
            if (nameLength < 1 || nameLength > MAX_TENSOR_NAME_BYTES) {
                throw invalid("has tensor " + index + " at offset " + start + " with a name of " + nameLength + " bytes");
            }
            GgmlType ggmlType = GgmlType.of(type);
            if (ggmlType == null) {
                throw invalid("has tensor " + index + " at offset " + start + " of unknown type " + type);
            }
            require(4L * nDims, "tensor " + index + " dimensions");
            long elements = 1;
            for (int d = 0; d < nDims; d++) {
                int dim = readInt("dimension");
                if (dim < 1) {
                    throw invalid("has tensor " + index + " at offset " + start + " with dimension " + dim);
                }
                elements = Math.multiplyExact(elements, dim);
            }
            skip(nameLength, "tensor " + index + " name");
            if (elements % ggmlType.blockSize != 0) {
                throw invalid("has tensor " + index + " at offset " + start + " whose " + elements
                        + " elements do not fill whole " + ggmlType + " blocks");
            }
            skip(elements / ggmlType.blockSize * ggmlType.bytesPerBlock, "tensor " + index + " data");
        }

        private int hparam(String what, int min, int max) throws IOException, InvalidModelException {
            int value = readInt(what);
            if (value < min || value > max) {
                throw invalid("has " + what + " = " + value + " (expected " + min + ".." + max + ")");
            }
            return value;
        }

        private void require(long bytes, String what) throws InvalidModelException {
            if (size - position < bytes) {
                throw invalid("is truncated: " + what + " needs " + bytes + " bytes at offset " + position
                        + ", the file has " + (size - position) + " left");
            }
        }

        private void skip(long bytes, String what) throws InvalidModelException {
            require(bytes, what);
            position += bytes;
        }

        private int readInt(String what) throws IOException, InvalidModelException {
            word.clear();
            while (word.hasRemaining()) {
                int n = channel.read(word, position + word.position());
                if (n < 0) {
                    throw invalid("is truncated in its " + what + " at offset " + position);
                }
            }
            position += 4;
            return word.flip().getInt();
        }

        private InvalidModelException invalid(String problem) {
            return new InvalidModelException("model " + name + " " + problem);
        }
    }

    /** ggml tensor types whisper.cpp models use, with their storage per block of elements. */
    enum GgmlType {
        F32(0, 1, 4), F16(1, 1, 2), Q4_0(2, 32, 18), Q4_1(3, 32, 20), Q5_0(6, 32, 22), Q5_1(7, 32, 24),
        Q8_0(8, 32, 34), Q8_1(9, 32, 36), Q2_K(10, 256, 84), Q3_K(11, 256, 110), Q4_K(12, 256, 144),
        Q5_K(13, 256, 176), Q6_K(14, 256, 210), Q8_K(15, 256, 292), BF16(30, 1, 2);

        final int id;
        final int blockSize;
        final int bytesPerBlock;

        GgmlType(int id, int blockSize, int bytesPerBlock) {
            this.id = id;
            this.blockSize = blockSize;
            this.bytesPerBlock = bytesPerBlock;
        }

        static GgmlType of(int id) {
            for (GgmlType t : values()) {
                if (t.id == id) {
                    return t;
                }
            }
            return null;
        }
    }

}
