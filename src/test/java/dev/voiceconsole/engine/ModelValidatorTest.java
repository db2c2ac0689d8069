package dev.voiceconsole.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelValidatorTest {

    /** Offsets in a tiny.en weightless file: magic, 11 hparams, filter header, filters, vocabulary. */
    private static final int HPARAMS = 4;
    private static final int FILTER_HEADER = 48;
    private static final int FILTERS = 56;
    private static final int VOCAB = FILTERS + 80 * 201 * 4;

    @TempDir
    Path dir;

    private Path weightless() throws IOException {
        return WeightlessModelWriter.write(dir.resolve("tiny.bin"), WeightlessModelWriter.Hparams.tinyEn());
    }

    private Path withBytes(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    @Test
    void weightlessModelIsValidAndReportsItsShape() throws Exception {
        GgmlModelInfo info = ModelValidator.validate(weightless());
        assertThat(info.nVocab()).isEqualTo(51864);
        assertThat(info.nAudioLayer()).isEqualTo(4);
        assertThat(info.nMels()).isEqualTo(80);
        assertThat(info.filterFft()).isEqualTo(201);
        assertThat(info.vocabTokens()).isEqualTo(50257);
        assertThat(info.tensorCount()).isZero();
        assertThat(info.modelType()).isEqualTo("tiny.en");
        assertThat(info.multilingual()).isFalse();
    }

    @Test
    void modelWithAValidTensorPassesAndCountsIt() throws Exception {
        byte[] base = Files.readAllBytes(weightless());
        byte[] name = "encoder.conv1.bias".getBytes();
        ByteBuffer tensor = ByteBuffer.allocate(12 + 8 + name.length + 2 * 3 * 4).order(ByteOrder.LITTLE_ENDIAN);
        tensor.putInt(2).putInt(name.length).putInt(0).putInt(2).putInt(3).put(name);
        Path file = withBytes("one-tensor.bin", concat(base, tensor.array()));
        assertThat(ModelValidator.validate(file).tensorCount()).isEqualTo(1);
        assertThat(ModelValidator.validate(file).hasTensors()).isTrue();
    }

    @Test
    void tensorWhoseDataRunsPastTheEndIsRefused() throws Exception {
        byte[] base = Files.readAllBytes(weightless());
        byte[] name = "decoder.token_embedding.weight".getBytes();
        ByteBuffer tensor = ByteBuffer.allocate(12 + 8 + name.length + 100).order(ByteOrder.LITTLE_ENDIAN);
        tensor.putInt(2).putInt(name.length).putInt(1).putInt(384).putInt(51864).put(name);
        Path file = withBytes("short-tensor.bin", concat(base, tensor.array()));
        assertThatThrownBy(() -> ModelValidator.validate(file))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("model short-tensor.bin is truncated: tensor 0 data needs 39831552 bytes");
    }

    @Test
    void tensorOfUnknownTypeIsRefused() throws Exception {
        byte[] base = Files.readAllBytes(weightless());
        ByteBuffer tensor = ByteBuffer.allocate(12 + 4 + 1 + 4).order(ByteOrder.LITTLE_ENDIAN);
        tensor.putInt(1).putInt(1).putInt(77).putInt(1).put((byte) 'x').putInt(0);
        Path file = withBytes("odd-type.bin", concat(base, tensor.array()));
        assertThatThrownBy(() -> ModelValidator.validate(file)).hasMessageContaining("of unknown type 77");
    }

    @Test
    void wrongMagicIsNamed() throws Exception {
        byte[] bytes = Files.readAllBytes(weightless());
        bytes[0] = 0x12;
        Path file = withBytes("notggml.bin", bytes);
        assertThatThrownBy(() -> ModelValidator.validate(file))
                .isInstanceOf(InvalidModelException.class)
                .hasMessage("model notggml.bin is not a whisper.cpp ggml model (magic 0x67676d12, expected 0x67676d6c)");
    }

    @ParameterizedTest(name = "truncated at {0} bytes: {1}")
    @CsvSource({
            "0, is too short to be a whisper.cpp model (0 bytes)",
            "3, is too short to be a whisper.cpp model (3 bytes)",
            "20, 'is truncated: hparams needs 44 bytes at offset 4, the file has 16 left'",
            "50, 'is truncated: mel filter header needs 8 bytes at offset 48, the file has 2 left'",
            "1000, 'is truncated: mel filters needs 64320 bytes at offset 56, the file has 944 left'",
            "64378, 'is truncated: vocabulary size needs 4 bytes at offset 64376, the file has 2 left'",
            "64381, 'is truncated: vocabulary token 0 needs 4 bytes at offset 64380, the file has 1 left'",
            "300000, is truncated: vocabulary token",
    })
    void truncatedFilesSayWhereTheyEnd(int length, String problem) throws Exception {
        byte[] bytes = Arrays.copyOf(Files.readAllBytes(weightless()), length);
        Path file = withBytes("cut.bin", bytes);
        assertThatThrownBy(() -> ModelValidator.validate(file))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("model cut.bin " + problem);
    }

    @ParameterizedTest(name = "hparam {0} = {1}")
    @CsvSource({
            "0, -5, 'has n_vocab = -5 (expected 1..200000)'",
            "4, 0, 'has n_audio_layer = 0 (expected 1..256)'",
            "2, 1000000, 'has n_audio_state = 1000000 (expected 1..8192)'",
            "9, 7, 'has n_mels = 7; whisper models use 80 or 128'",
            "3, 5, 'has a state size that is not a multiple of its head count (audio 384/5, text 384/6)'",
            "10, -1, 'has ftype = -1 (expected 0..100000)'",
    })
    void absurdHyperParametersAreRefused(int index, int value, String problem) throws Exception {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(weightless())).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putInt(HPARAMS + 4 * index, value);
        Path file = withBytes("absurd.bin", bytes.array());
        assertThatThrownBy(() -> ModelValidator.validate(file)).hasMessage("model absurd.bin " + problem);
    }

    @Test
    void melFilterCountMustMatchTheHyperParameters() throws Exception {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(weightless())).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putInt(FILTER_HEADER, 128);
        Path file = withBytes("mels.bin", bytes.array());
        assertThatThrownBy(() -> ModelValidator.validate(file))
                .hasMessage("model mels.bin has 128 mel filters but n_mels = 80");
    }

    @Test
    void vocabularyTokenLongerThanTheFileIsRefused() throws Exception {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(weightless())).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putInt(VOCAB + 4, 0x7fffffff);
        Path file = withBytes("token.bin", bytes.array());
        assertThatThrownBy(() -> ModelValidator.validate(file))
                .hasMessage("model token.bin has vocabulary token 0 of 2147483647 bytes at offset 64380 (at most 4096)");
    }

    @Test
    void vocabularyLargerThanDeclaredIsRefused() throws Exception {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(weightless())).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putInt(VOCAB, 60000);
        Path file = withBytes("vocab.bin", bytes.array());
        assertThatThrownBy(() -> ModelValidator.validate(file))
                .hasMessage("model vocab.bin declares 60000 vocabulary tokens (expected 1..51864)");
    }

    @Test
    void missingFileAndDirectoryGetPlainMessages() {
        Path missing = dir.resolve("nope.bin");
        assertThatThrownBy(() -> ModelValidator.validate(missing)).hasMessage(missing + ": no such model file");
        assertThatThrownBy(() -> ModelValidator.validate(dir)).hasMessage(dir + " is a directory, not a model file");
    }

    @Test
    void corruptModelNeverReachesNativeCode() throws Exception {
        byte[] bytes = Arrays.copyOf(Files.readAllBytes(weightless()), 1000);
        Path file = withBytes("cut.bin", bytes);
        // Would abort the JVM inside whisper.cpp if it got that far; the engine refuses it first.
        assertThatThrownBy(() -> WhisperEngine.load(file, WhisperEngineSettings.defaults()))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("is truncated");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
