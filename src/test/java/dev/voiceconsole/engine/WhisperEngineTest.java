package dev.voiceconsole.engine;

import dev.voiceconsole.audio.TestSignals;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real native inference on a weightless model the test writes itself (whisper.cpp runs it and yields no text). */
class WhisperEngineTest {

    @TempDir
    static Path dir;
    private static WhisperEngine engine;

    @BeforeAll
    static void load() throws Exception {
        Path model = WeightlessModelWriter.write(dir.resolve("tiny.en.bin"), WeightlessModelWriter.Hparams.tinyEn());
        engine = WhisperEngine.load(model, new WhisperEngineSettings(2, 2, false));
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void decodesToneAndSilenceWithoutInventingText() throws Exception {
        DecodeResult tone = engine.decode(TestSignals.tone(440, 2.0, 16_000, 0.3), DecodeRequest.defaults());
        DecodeResult silence = engine.decode(TestSignals.silence(1.0, 16_000), DecodeRequest.defaults());
        assertThat(tone.text()).isBlank();
        assertThat(silence.text()).isBlank();
        assertThat(tone.inferenceMs()).isPositive();
        assertThat(silence.inferenceMs()).isPositive();
    }

    @Test
    void shortAudioIsPaddedRatherThanRejected() throws Exception {
        DecodeResult result = engine.decode(TestSignals.tone(300, 0.2, 16_000, 0.3),
                DecodeRequest.defaults().withPrompt("alpha bravo, VoiceConsole"));
        assertThat(result.inferenceMs()).isPositive();
    }

    @Test
    void reportsModelAndBackend() {
        EngineInfo info = engine.info();
        assertThat(info.modelName()).isEqualTo("tiny.en.bin");
        assertThat(info.modelType()).isEqualTo("tiny.en");
        assertThat(info.backendKind()).isEqualTo("CPU");
        assertThat(info.libraryDir()).isEqualTo("bundled");
        assertThat(info.systemInfo()).isNotBlank();
        assertThat(info.threads()).isEqualTo(2);
    }

    @Test
    void audioContextFollowsTheAudioLength() {
        assertThat(WhisperEngine.audioCtxFor(16_000)).isEqualTo(50 + 32);
        assertThat(WhisperEngine.audioCtxFor(3 * 16_000)).isEqualTo(150 + 32);
        assertThat(WhisperEngine.audioCtxFor(30 * 16_000)).isEqualTo(1500);
        assertThat(WhisperEngine.audioCtxFor(60 * 16_000)).isEqualTo(1500);
    }

    @Test
    void moreConcurrentDecodesThanStatesAllComplete() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<DecodeResult>> results = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                float[] audio = TestSignals.tone(300 + 100 * i, 1.5, 16_000, 0.3);
                results.add(pool.submit(() -> engine.decode(audio, DecodeRequest.defaults())));
            }
            for (Future<DecodeResult> r : results) {
                assertThat(r.get(60, TimeUnit.SECONDS).inferenceMs()).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void decodeAfterCloseIsAClearErrorNotACrash() throws Exception {
        Path model = WeightlessModelWriter.write(dir.resolve("other.bin"), WeightlessModelWriter.Hparams.tinyEn());
        WhisperEngine closing = WhisperEngine.load(model, new WhisperEngineSettings(1, 1, false));
        closing.close();
        closing.close();
        assertThatThrownBy(() -> closing.decode(TestSignals.silence(1.0, 16_000), DecodeRequest.defaults()))
                .isInstanceOf(EngineException.class)
                .hasMessage("the speech engine is closed");
    }
}
