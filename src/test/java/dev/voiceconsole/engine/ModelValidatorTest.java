package dev.voiceconsole.engine;

import static dev.voiceconsole.engine.GgmlFileBuilder.FILTERS_OFFSET;
import static dev.voiceconsole.engine.GgmlFileBuilder.VOCAB_OFFSET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ModelValidatorTest {
    /** Offset just past the builder's three tokens "a", "b", "<|endoftext|>". */
    private static final int TENSORS_OFFSET = VOCAB_OFFSET + 4 + (4 + 1) + (4 + 1) + (4 + 13);

    @TempDir
    Path dir;

    @Test
    void weightlessTinyEnIsValidAndReportsItsLayout() throws Exception {
        Path model = WeightlessModelWriter.writeTinyEn(dir.resolve("tiny.en.bin"));

        GgmlModelInfo info = ModelValidator.validate(model);

        assertThat(info.hparams()).isEqualTo(WhisperHparams.tinyEn());
        assertThat(info.filterMels()).isEqualTo(80);
        assertThat(info.filterFftBins()).isEqualTo(201);
        assertThat(info.vocabSize()).isEqualTo(50257);
        assertThat(info.tensorCount()).isZero();
        assertThat(info.hasTensors()).isFalse();
        assertThat(info.fileSize()).isEqualTo(Files.size(model));
        assertThat(info.modelType()).isEqualTo("tiny.en");
        assertThat(info.multilingual()).isFalse();
    }

    @Test
    void multilingualAndLargeV3ShapesAreNamedFromTheirHparams() throws Exception {
        Path base = dir.resolve("base.bin");
        WeightlessModelWriter.write(base, new WhisperHparams(51865, 1500, 512, 8, 6, 448, 512, 8, 6, 80, 1));
        Path largeV3 = dir.resolve("large-v3.bin");
        WeightlessModelWriter.write(largeV3, new WhisperHparams(51866, 1500, 1280, 20, 32, 448, 1280, 20, 32, 128, 1));

        GgmlModelInfo baseInfo = ModelValidator.validate(base);
        GgmlModelInfo largeInfo = ModelValidator.validate(largeV3);

        assertThat(baseInfo.modelType()).isEqualTo("base");
        assertThat(baseInfo.multilingual()).isTrue();
        assertThat(largeInfo.modelType()).isEqualTo("large");
        assertThat(largeInfo.filterMels()).isEqualTo(128);
        assertThat(largeInfo.hparams().nVocab()).isEqualTo(51866);
    }

    @Test
    void quantizationVersionInFtypeIsAccepted() throws Exception {
        Path model = dir.resolve("q5.bin");
        WeightlessModelWriter.write(model, WhisperHparams.tinyEn().withFtype(1009));

        WhisperHparams hparams = ModelValidator.validate(model).hparams();

        assertThat(hparams.fileType()).isEqualTo(9);
        assertThat(hparams.quantizationVersion()).isEqualTo(1);
    }

    @Test
    void modelWithOneF32TensorIsValidAndCountsIt() throws Exception {
        Path model = WeightlessModelWriter.writeTinyEn(dir.resolve("one-tensor.bin"));
        Files.write(model, tensorBytes(0, "encoder.ln_post.bias", new int[] {384}, 384 * 4), StandardOpenOption.APPEND);

        GgmlModelInfo info = ModelValidator.validate(model);

        assertThat(info.tensorCount()).isEqualTo(1);
        assertThat(info.hasTensors()).isTrue();
    }

    @Test
    void quantizedTensorSizesFollowGgmlBlockLayout() throws Exception {
        Path model = new GgmlFileBuilder()
                .tensor(2, "q4_0", new int[] {384, 2}, 384 / 32 * 18 * 2)
                .tensor(8, "q8_0", new int[] {64}, 64 / 32 * 34)
                .tensor(1, "f16", new int[] {3, 5, 7}, 3 * 5 * 7 * 2)
                .tensor(12, "q4_k", new int[] {256}, 144)
                .writeTo(dir.resolve("quantized.bin"));

        assertThat(ModelValidator.validate(model).tensorCount()).isEqualTo(4);
    }

    @Test
    void emptyFile() {
        Path model = GgmlFileBuilder.write(dir.resolve("empty.bin"), new byte[0]);

        assertInvalid(model, "empty.bin is empty (0 bytes), not a whisper.cpp ggml model");
    }

    @Test
    void tooShortForMagic() {
        Path model = GgmlFileBuilder.write(dir.resolve("short.bin"), new byte[] {0x6c, 0x6d});

        assertInvalid(model, "short.bin is truncated: magic needs 4 bytes at offset 0, file has 2 bytes");
    }

    @Test
    void wrongMagic() {
        Path model = new GgmlFileBuilder().magic(0x12345678).writeTo(dir.resolve("model.bin"));

        assertInvalid(model, "model.bin is not a whisper.cpp ggml model (magic 0x12345678, expected 0x67676d6c)");
    }

    @Test
    void ggufFileGetsAHint() {
        Path model =
                GgmlFileBuilder.write(dir.resolve("model.gguf"), "GGUF\3\0\0\0".getBytes(StandardCharsets.ISO_8859_1));

        assertInvalid(
                model,
                "model.gguf is not a whisper.cpp ggml model (magic 0x46554747, expected 0x67676d6c; this is a GGUF file");
    }

    @Test
    void truncatedInHparams() {
        Path model = truncated("hparams.bin", 20);

        assertInvalid(model, "hparams.bin is truncated: hyper-parameters need 44 bytes at offset 4, file has 20 bytes");
    }

    @Test
    void truncatedInFilters() {
        Path model = truncated("filters.bin", 1000);

        assertInvalid(
                model,
                "filters.bin is truncated: mel filters need 64320 bytes at offset " + FILTERS_OFFSET
                        + ", file has 1000 bytes");
    }

    @Test
    void truncatedBeforeVocabularySize() {
        Path model = truncated("vocab.bin", VOCAB_OFFSET + 2);

        assertInvalid(
                model, "vocab.bin is truncated: vocabulary size needs 4 bytes at offset 64376, file has 64378 bytes");
    }

    @Test
    void truncatedInsideATokenLength() {
        // token #0 "a" takes 64380..64384, token #1's length field starts at 64385
        Path model = truncated("vocab.bin", VOCAB_OFFSET + 11);

        assertInvalid(
                model,
                "vocab.bin is truncated: length of vocabulary token #1 needs 4 bytes at offset 64385, file has 64387 bytes");
    }

    @Test
    void tokenLengthPastEndOfFile() {
        Path model = new GgmlFileBuilder().lastTokenClaims(500).writeTo(dir.resolve("token.bin"));

        assertInvalid(
                model,
                "token.bin is truncated: vocabulary token #2 needs 500 bytes at offset 64394, file has 64407 bytes");
    }

    @Test
    void absurdTokenLength() {
        Path model = new GgmlFileBuilder().lastTokenClaims(-1).writeTo(dir.resolve("token.bin"));

        assertInvalid(
                model,
                "token.bin has an implausible length 4294967295 for vocabulary token #2 at offset 64390 (at most 1024 expected)");
    }

    @Test
    void absurdVocabularySize() {
        Path model = patchedInt(new GgmlFileBuilder().build(), VOCAB_OFFSET, -3, "count.bin");

        assertInvalid(model, "count.bin has an implausible vocabulary size -3 (expected 1..n_vocab = 51864)");
    }

    @Test
    void filterBankNotMatchingNMels() {
        Path model = new GgmlFileBuilder().filters(80, 300).writeTo(dir.resolve("bank.bin"));

        assertInvalid(model, "bank.bin has a mel filter bank of 80 x 300, expected n_mels x 201 = 80 x 201");
    }

    static Stream<Arguments> absurdHparams() {
        return Stream.of(
                Arguments.of(0, -5, "has an implausible n_vocab = -5 (expected 51864..100000"),
                Arguments.of(0, 1000, "has an implausible n_vocab = 1000 (expected 51864..100000"),
                Arguments.of(1, -1500, "has an implausible n_audio_ctx = -1500 (expected 1..4096)"),
                Arguments.of(3, 0, "has an implausible n_audio_head = 0 (expected 1..128)"),
                Arguments.of(4, 0, "has an implausible n_audio_layer = 0 (expected 1..128)"),
                Arguments.of(5, 1 << 20, "has an implausible n_text_ctx = 1048576 (expected 1..4096)"),
                Arguments.of(8, -4, "has an implausible n_text_layer = -4 (expected 1..128)"),
                Arguments.of(9, 7, "has an implausible n_mels = 7 (whisper models use 80 or 128)"),
                Arguments.of(3, 5, "has n_audio_state = 384 not divisible by n_audio_head = 5"),
                Arguments.of(6, 768, "has n_text_state = 768 different from n_audio_state = 384"),
                Arguments.of(10, 4, "has an unsupported ftype = 4 (file type 4, quantization version 0"),
                Arguments.of(10, -1, "has an unsupported ftype = -1"),
                Arguments.of(10, 12345, "has an unsupported ftype = 12345 (file type 345, quantization version 12"));
    }

    @ParameterizedTest(name = "hparam[{0}] = {1}")
    @MethodSource("absurdHparams")
    void absurdHparamsAreRejected(int index, int value, String expected) {
        Path model = new GgmlFileBuilder().hparam(index, value).writeTo(dir.resolve("hp.bin"));

        assertInvalid(model, "hp.bin " + expected);
    }

    @Test
    void tensorDataPastEndOfFile() {
        Path model = new GgmlFileBuilder()
                .tensor(0, "encoder.ln_post.bias", new int[] {384}, 100)
                .writeTo(dir.resolve("t.bin"));
        int dataOffset = TENSORS_OFFSET + 12 + 4 + "encoder.ln_post.bias".length();

        assertInvalid(
                model,
                "t.bin is truncated: tensor #0 ('encoder.ln_post.bias', f32 [384]) data needs 1536 bytes at offset "
                        + dataOffset + ", file has " + (dataOffset + 100) + " bytes");
    }

    @Test
    void secondTensorTruncatedIsNamedByIndex() {
        Path model = new GgmlFileBuilder()
                .tensor(0, "a", new int[] {4}, 16)
                .tensor(1, "b", new int[] {8, 8}, 127)
                .writeTo(dir.resolve("t.bin"));

        assertInvalid(model, "t.bin is truncated: tensor #1 ('b', f16 [8, 8]) data needs 128 bytes");
    }

    @Test
    void partialTensorHeader() {
        Path model = new GgmlFileBuilder().rawTail(new byte[5]).writeTo(dir.resolve("t.bin"));

        assertInvalid(
                model,
                "t.bin is truncated: tensor #0 header needs 12 bytes at offset " + TENSORS_OFFSET + ", file has "
                        + (TENSORS_OFFSET + 5) + " bytes");
    }

    @Test
    void tensorWithTooManyDimensions() {
        Path model = new GgmlFileBuilder().rawTail(ints(7, 4, 0)).writeTo(dir.resolve("t.bin"));

        assertInvalid(model, "t.bin has tensor #0 at offset " + TENSORS_OFFSET + " with n_dims = 7 (expected 1..4)");
    }

    @Test
    void tensorWithUnknownType() {
        Path model = new GgmlFileBuilder().rawTail(ints(1, 4, 99, 16)).writeTo(dir.resolve("t.bin"));

        assertInvalid(model, "t.bin has tensor #0 at offset " + TENSORS_OFFSET + " with unknown ggml type 99");
    }

    @Test
    void tensorWithAbsurdNameLength() {
        Path model = new GgmlFileBuilder().rawTail(ints(1, 100_000, 0, 16)).writeTo(dir.resolve("t.bin"));

        assertInvalid(
                model,
                "t.bin has tensor #0 at offset " + TENSORS_OFFSET + " with name length 100000 (expected 1..256)");
    }

    @Test
    void tensorWithNonPositiveDimension() {
        Path model = new GgmlFileBuilder().rawTail(ints(2, 1, 0, 16, -2)).writeTo(dir.resolve("t.bin"));

        assertInvalid(
                model, "t.bin has tensor #0 at offset " + TENSORS_OFFSET + " with dimension 1 = -2 (expected >= 1)");
    }

    @Test
    void quantizedTensorWithRowNotAWholeNumberOfBlocks() {
        Path model = new GgmlFileBuilder().tensor(2, "w", new int[] {10}, 18).writeTo(dir.resolve("t.bin"));

        assertInvalid(
                model,
                "t.bin has tensor #0 ('w', q4_0 [10]) whose first dimension is not a multiple of the q4_0 block size 32");
    }

    @Test
    void tensorWithMoreElementsThanWhisperCanCount() {
        Path model = new GgmlFileBuilder()
                .tensor(0, "w", new int[] {65536, 65536}, 0)
                .writeTo(dir.resolve("t.bin"));

        assertInvalid(model, "t.bin has tensor #0 at offset " + TENSORS_OFFSET + " with more than 2147483647 elements");
    }

    @Test
    void missingFile() {
        Path model = dir.resolve("nope.bin");

        assertInvalid(model, "Model file " + model + " does not exist");
    }

    @Test
    void directory() {
        assertInvalid(dir, "Model path " + dir + " is a directory, not a whisper.cpp ggml model file");
    }

    @Test
    void unreadableFile() throws Exception {
        Path model = WeightlessModelWriter.writeTinyEn(dir.resolve("locked.bin"));
        Files.setPosixFilePermissions(model, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(model), "running with permissions that ignore file modes (root)");

        assertInvalid(model, "Model file " + model + " is not readable (permission denied)");
    }

    @Test
    void bigTensorDataIsSkippedNotRead() throws Exception {
        // 1 GiB of f32 data in a sparse file: validating it must not read it (that would take seconds and memory)
        Path model = WeightlessModelWriter.writeTinyEn(dir.resolve("big.bin"));
        Files.write(
                model,
                tensorBytes(0, "decoder.token_embedding.weight", new int[] {65536, 4096}, 0),
                StandardOpenOption.APPEND);
        try (var channel = Files.newByteChannel(model, StandardOpenOption.WRITE)) {
            channel.position(channel.size() + 65536L * 4096 * 4 - 1).write(ByteBuffer.wrap(new byte[1]));
        }
        long started = System.nanoTime();

        GgmlModelInfo info = ModelValidator.validate(model);

        assertThat(info.tensorCount()).isEqualTo(1);
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2_000);
    }

    private Path truncated(String name, int length) {
        byte[] full = new GgmlFileBuilder().build();
        return GgmlFileBuilder.write(dir.resolve(name), Arrays.copyOf(full, length));
    }

    private Path patchedInt(byte[] content, int offset, int value, String name) {
        ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
        return GgmlFileBuilder.write(dir.resolve(name), content);
    }

    private static byte[] ints(int... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int v : values) {
            GgmlFileBuilder.int32(out, v);
        }
        return out.toByteArray();
    }

    private static byte[] tensorBytes(int type, String name, int[] dims, int dataBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        GgmlFileBuilder.int32(out, dims.length);
        GgmlFileBuilder.int32(out, nameBytes.length);
        GgmlFileBuilder.int32(out, type);
        for (int d : dims) {
            GgmlFileBuilder.int32(out, d);
        }
        out.write(nameBytes);
        out.write(new byte[dataBytes]);
        return out.toByteArray();
    }

    private static void assertInvalid(Path model, String expectedFragment) {
        assertThatThrownBy(() -> ModelValidator.validate(model))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining(expectedFragment);
    }
}
