package dev.voiceconsole.engine;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a whisper.cpp ggml model file in Java before the native loader sees it. The native loader trusts every length
 * in the file: a truncated or foreign file makes it allocate absurd buffers, assert or read past its arrays, and any of
 * those ends the whole JVM rather than throwing. So everything the loader will read is bounds-checked here, streaming
 * (models are up to 3 GB) and skipping tensor data by position.
 *
 * <p>Layout (little endian): uint32 magic; 11 int32 hyper-parameters; int32 n_mel, int32 n_fft, n_mel*n_fft float32
 * mel filters; int32 token count, then per token uint32 length + bytes; then until end of file, tensors: int32 n_dims,
 * int32 name length, int32 ggml type, n_dims int32 dims, name bytes, data.
 */
public final class ModelValidator {
    public static final int MAGIC = 0x67676d6c;
    private static final int GGUF_MAGIC = 0x46554747;
    /** 1 + WHISPER_N_FFT/2: the mel code multiplies the filters with a 400-point FFT's bins. */
    public static final int FFT_BINS = 201;
    /** Tokens of whisper's vocabularies are at most 128 bytes; anything far above is corruption. */
    static final int MAX_TOKEN_BYTES = 1024;

    static final int MAX_TENSOR_NAME_BYTES = 256;
    /** The English-only vocabulary; whisper.cpp's fixed special-token ids (timestamps start at 50363) need this many. */
    static final int MIN_N_VOCAB = 51864;

    static final int MAX_N_VOCAB = 100_000;
    /** ggml file types whisper.cpp maps to a weight type; others make ggml abort the process. */
    private static final Set<Integer> LOADABLE_FILE_TYPES = Set.of(0, 1, 2, 3, 7, 8, 9, 10, 11, 12, 13, 14);

    private static final int HPARAMS_BYTES = 11 * 4;
    private static final int TENSOR_HEADER_BYTES = 12;

    private ModelValidator() {}

    /**
     * Checks every length and bound the native loader will read in {@code model}.
     *
     * @return what the file holds
     * @throws InvalidModelException naming the file and the first thing wrong with it
     */
    public static GgmlModelInfo validate(Path model) throws InvalidModelException {
        if (model == null) {
            throw new InvalidModelException("No model file given");
        }
        if (Files.isDirectory(model)) {
            throw new InvalidModelException(
                    "Model path " + model + " is a directory, not a whisper.cpp ggml model file");
        }
        if (!Files.exists(model)) {
            throw new InvalidModelException("Model file " + model + " does not exist");
        }
        try (ModelFileReader reader = new ModelFileReader(FileChannel.open(model, StandardOpenOption.READ))) {
            return new Check(model, reader).run();
        } catch (AccessDeniedException e) {
            throw new InvalidModelException("Model file " + model + " is not readable (permission denied)", e);
        } catch (IOException e) {
            throw new InvalidModelException("Model file " + model + " could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * {@link #validate} and then whether this machine has the memory the model's shape needs
     * ({@link ModelMemory}): what to check before whisper.cpp loads a model here.
     */
    public static GgmlModelInfo validateForThisMachine(Path model) throws InvalidModelException {
        GgmlModelInfo info = validate(model);
        java.util.OptionalLong machine = ModelMemory.machineBytes();
        if (machine.isPresent()) {
            ModelMemory.requireFits(model, info.hparams(), machine.getAsLong());
        }
        return info;
    }

    /** One pass over one file; holds the reader and the file name for messages. */
    private static final class Check {
        private final Path model;
        private final ModelFileReader in;

        Check(Path model, ModelFileReader in) {
            this.model = model;
            this.in = in;
        }

        GgmlModelInfo run() throws IOException, InvalidModelException {
            long size = in.size();
            if (size == 0) {
                throw invalid("is empty (0 bytes), not a whisper.cpp ggml model");
            }
            need(4, "magic");
            int magic = in.readInt();
            if (magic != MAGIC) {
                String hint =
                        magic == GGUF_MAGIC ? "; this is a GGUF file, whisper.cpp needs the ggml .bin format" : "";
                throw invalid(String.format(
                        "is not a whisper.cpp ggml model (magic 0x%08x, expected 0x%08x%s)", magic, MAGIC, hint));
            }
            need(HPARAMS_BYTES, "hyper-parameters");
            int[] raw = new int[11];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = in.readInt();
            }
            WhisperHparams hparams = WhisperHparams.fromFileOrder(raw);
            checkHparams(hparams);

            need(8, "mel filter dimensions");
            int nMel = in.readInt();
            int nFft = in.readInt();
            if (nMel != hparams.nMels() || nFft != FFT_BINS) {
                throw invalid(String.format(
                        "has a mel filter bank of %d x %d, expected n_mels x %d = %d x %d",
                        nMel, nFft, FFT_BINS, hparams.nMels(), FFT_BINS));
            }
            long filterBytes = 4L * nMel * nFft;
            need(filterBytes, "mel filters");
            in.skip(filterBytes);

            need(4, "vocabulary size");
            int vocabSize = in.readInt();
            if (vocabSize < 1 || vocabSize > hparams.nVocab()) {
                throw invalid(String.format(
                        "has an implausible vocabulary size %d (expected 1..n_vocab = %d)",
                        vocabSize, hparams.nVocab()));
            }
            for (int token = 0; token < vocabSize; token++) {
                need(4, "length of vocabulary token #" + token);
                long length = Integer.toUnsignedLong(in.readInt());
                if (length > MAX_TOKEN_BYTES) {
                    throw invalid(String.format(
                            "has an implausible length %d for vocabulary token #%d at offset %d (at most %d expected)",
                            length, token, in.position() - 4, MAX_TOKEN_BYTES));
                }
                need(length, "vocabulary token #" + token);
                in.skip(length);
            }

            int tensors = 0;
            while (in.remaining() > 0) {
                checkTensor(tensors);
                tensors++;
            }
            return new GgmlModelInfo(hparams, nMel, nFft, vocabSize, tensors, size);
        }

        private void checkHparams(WhisperHparams h) throws InvalidModelException {
            if (h.nVocab() < MIN_N_VOCAB || h.nVocab() > MAX_N_VOCAB) {
                throw invalid(String.format(
                        "has an implausible n_vocab = %d (expected %d..%d; whisper.cpp's special tokens need at least %d)",
                        h.nVocab(), MIN_N_VOCAB, MAX_N_VOCAB, MIN_N_VOCAB));
            }
            range("n_audio_ctx", h.nAudioCtx(), 1, 4096);
            range("n_audio_state", h.nAudioState(), 1, 8192);
            range("n_audio_head", h.nAudioHead(), 1, 128);
            range("n_audio_layer", h.nAudioLayer(), 1, 128);
            range("n_text_ctx", h.nTextCtx(), 1, 4096);
            range("n_text_state", h.nTextState(), 1, 8192);
            range("n_text_head", h.nTextHead(), 1, 128);
            range("n_text_layer", h.nTextLayer(), 1, 128);
            if (h.nMels() != 80 && h.nMels() != 128) {
                throw invalid("has an implausible n_mels = " + h.nMels() + " (whisper models use 80 or 128)");
            }
            if (h.nAudioState() % h.nAudioHead() != 0) {
                throw invalid(String.format(
                        "has n_audio_state = %d not divisible by n_audio_head = %d", h.nAudioState(), h.nAudioHead()));
            }
            if (h.nTextState() % h.nTextHead() != 0) {
                throw invalid(String.format(
                        "has n_text_state = %d not divisible by n_text_head = %d", h.nTextState(), h.nTextHead()));
            }
            if (h.nTextState() != h.nAudioState()) {
                throw invalid(String.format(
                        "has n_text_state = %d different from n_audio_state = %d (whisper.cpp requires them equal)",
                        h.nTextState(), h.nAudioState()));
            }
            if (h.ftype() < 0 || h.quantizationVersion() > 9 || !LOADABLE_FILE_TYPES.contains(h.fileType())) {
                throw invalid(String.format(
                        "has an unsupported ftype = %d (file type %d, quantization version %d; whisper.cpp loads file types %s)",
                        h.ftype(),
                        h.fileType(),
                        h.quantizationVersion(),
                        "0 f32, 1 f16, 2 q4_0, 3 q4_1, 7 q8_0, 8 q5_0, 9 q5_1, 10-14 k-quants"));
            }
        }

        private void checkTensor(int index) throws IOException, InvalidModelException {
            String which = "tensor #" + index;
            need(TENSOR_HEADER_BYTES, which + " header");
            long headerOffset = in.position();
            int nDims = in.readInt();
            int nameLength = in.readInt();
            int typeId = in.readInt();
            if (nDims < 1 || nDims > 4) {
                throw invalid(String.format(
                        "has %s at offset %d with n_dims = %d (expected 1..4)", which, headerOffset, nDims));
            }
            if (nameLength < 1 || nameLength > MAX_TENSOR_NAME_BYTES) {
                throw invalid(String.format(
                        "has %s at offset %d with name length %d (expected 1..%d)",
                        which, headerOffset, nameLength, MAX_TENSOR_NAME_BYTES));
            }
            GgmlTensorType type = GgmlTensorType.byId(typeId)
                    .orElseThrow(() -> invalid(String.format(
                            "has %s at offset %d with unknown ggml type %d", which, headerOffset, typeId)));
            need(4L * nDims, which + " dimensions");
            long[] dims = new long[nDims];
            long elements = 1;
            for (int d = 0; d < nDims; d++) {
                dims[d] = in.readInt();
                if (dims[d] < 1) {
                    throw invalid(String.format(
                            "has %s at offset %d with dimension %d = %d (expected >= 1)",
                            which, headerOffset, d, dims[d]));
                }
                elements *= dims[d];
                // whisper.cpp counts elements in an int32
                if (elements > Integer.MAX_VALUE) {
                    throw invalid(String.format(
                            "has %s at offset %d with more than %d elements", which, headerOffset, Integer.MAX_VALUE));
                }
            }
            need(nameLength, which + " name");
            String name = new String(in.readBytes(nameLength), StandardCharsets.UTF_8);
            String described = String.format(
                    "tensor #%d ('%s', %s %s)",
                    index, name, type.name().toLowerCase(Locale.ROOT), Arrays.toString(dims));
            if (dims[0] % type.blockSize != 0) {
                throw invalid(String.format(
                        "has %s whose first dimension is not a multiple of the %s block size %d",
                        described, type.name().toLowerCase(Locale.ROOT), type.blockSize));
            }
            long dataBytes = elements / type.blockSize * type.blockBytes;
            need(dataBytes, described + " data");
            in.skip(dataBytes);
        }

        private void range(String name, int value, int min, int max) throws InvalidModelException {
            if (value < min || value > max) {
                throw invalid(String.format("has an implausible %s = %d (expected %d..%d)", name, value, min, max));
            }
        }

        /** Fails unless {@code bytes} more bytes are present at the current position. */
        private void need(long bytes, String what) throws InvalidModelException {
            if (bytes > in.remaining()) {
                throw invalid(String.format(
                        "is truncated: %s need%s %d bytes at offset %d, file has %d bytes",
                        what, what.endsWith("s") ? "" : "s", bytes, in.position(), in.size()));
            }
        }

        private InvalidModelException invalid(String problem) {
            return new InvalidModelException(model.getFileName() + " " + problem + " (" + model + ")");
        }
    }
}
