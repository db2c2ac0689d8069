package dev.voiceconsole.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.jna.Pointer;
import dev.voiceconsole.engine.whispercpp.ContextParams;
import dev.voiceconsole.engine.whispercpp.FullParams;
import dev.voiceconsole.engine.whispercpp.WhisperCppLibrary;
import dev.voiceconsole.testing.ModelTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Real native inference on a generated weightless tiny.en model (the whole network runs; it yields no text). */
@ModelTest
class WhisperEngineTest {
    @TempDir
    static Path dir;

    static Path modelFile;
    static WhisperEngine engine;

    @BeforeAll
    static void loadEngine() throws Exception {
        modelFile = WeightlessModelWriter.writeTinyEn(dir.resolve("ggml-tiny.en-weightless.bin"));
        // one thread per decode: the test machine is small and shared; two decodes run at once
        engine = WhisperEngine.load(modelFile, new WhisperEngineSettings(1, 2, false));
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    @Test
    void decodesTwoSecondsOfToneIntoBlankSegments() throws Exception {
        DecodeResult result = engine.decode(TestAudio.tone(2.0, 440, 0.5), DecodeRequest.defaults());

        assertThat(result.text()).isEmpty();
        assertThat(result.segments()).allSatisfy(s -> {
            assertThat(s.text()).isBlank();
            assertThat(s.hasScores()).isTrue();
            assertThat(s.startS()).isBetween(0.0, 2.0);
            assertThat(s.endS()).isBetween(s.startS(), 2.0);
        });
        assertThat(result.inferenceMs()).isPositive();
        assertThat(result.language()).isEqualTo(new SpokenLanguage("en", 1.0));
    }

    @Test
    void aGivenLanguageIsReportedAsGivenNotDetected() throws Exception {
        DecodeRequest english = new DecodeRequest("en", false, "", 0.6f, -1.0f, 2.4f);

        SpokenLanguage language =
                engine.decode(TestAudio.tone(2.0, 440, 0.5), english).language();

        assertThat(language.code()).isEqualTo("en");
        assertThat(language.detected()).isFalse();
    }

    @Test
    void autoOnAMultilingualModelReportsTheDetectedLanguageWithItsProbability(@TempDir Path tmp) throws Exception {
        WhisperHparams tiny = WhisperHparams.tinyEn();
        Path multilingual = tmp.resolve("ggml-tiny-weightless.bin");
        WeightlessModelWriter.write(
                multilingual,
                new WhisperHparams(
                        51865,
                        tiny.nAudioCtx(),
                        tiny.nAudioState(),
                        tiny.nAudioHead(),
                        tiny.nAudioLayer(),
                        tiny.nTextCtx(),
                        tiny.nTextState(),
                        tiny.nTextHead(),
                        tiny.nTextLayer(),
                        tiny.nMels(),
                        tiny.ftype()));
        try (WhisperEngine many = WhisperEngine.load(multilingual, new WhisperEngineSettings(1, 1, false))) {
            SpokenLanguage language = many.decode(TestAudio.tone(2.0, 440, 0.5), DecodeRequest.defaults())
                    .language();

            // without weights every language scores the same: whisper.cpp's sort picks any of them, and the
            // probability is an even share among whisper's 99 languages
            assertThat(language.code()).matches("[a-z]{2,3}");
            assertThat(language.probability()).isCloseTo(1.0 / 99, within(1e-6));
        }
    }

    @Test
    void oneSecondOfSilenceIsPaddedPastWhisperCppsMinimum() throws Exception {
        List<String> nativeLog = new ArrayList<>();
        DecodeResult result =
                withNativeLog(nativeLog, () -> engine.decode(TestAudio.silence(1.0), DecodeRequest.defaults()));

        assertThat(result.text()).isEmpty();
        assertThat(result.inferenceMs()).isPositive();
        assertThat(nativeLog).noneMatch(line -> line.contains("input is too short"));
    }

    @Test
    void withoutPaddingWhisperCppSkipsExactlyOneSecond() throws Exception {
        // The premise of the padding: whisper.cpp silently returns nothing for 16000 samples (it counts 99 mel frames)
        WhisperCppLibrary whisper = NativeWhisperLibrary.load().whisper();
        List<String> nativeLog = new ArrayList<>();
        Pointer contextDefaults = whisper.whisper_context_default_params_by_ref();
        Pointer context = whisper.whisper_init_from_file_with_params_no_state(
                modelFile.toString(), new ContextParams(contextDefaults));
        whisper.whisper_free_context_params(contextDefaults);
        Pointer state = whisper.whisper_init_state(context);
        Pointer defaults = whisper.whisper_full_default_params_by_ref(FullParams.SAMPLING_GREEDY);
        try {
            FullParams params = new FullParams(defaults);
            params.n_threads = 1;
            params.print_progress = 0;
            int rc = withNativeLog(
                    nativeLog, () -> whisper.whisper_full_with_state(context, state, params, new float[16000], 16000));

            assertThat(rc).isZero();
            assertThat(whisper.whisper_full_n_segments_from_state(state)).isZero();
        } finally {
            whisper.whisper_free_params(defaults);
            whisper.whisper_free_state(state);
            whisper.whisper_free(context);
        }
        assertThat(nativeLog).anyMatch(line -> line.contains("input is too short - 990 ms < 1000 ms"));
    }

    @Test
    void threeThreadsShareTwoDecoderStates() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<DecodeResult>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                float[] audio = i % 2 == 0 ? TestAudio.tone(1.5, 300 + 100 * i, 0.4) : TestAudio.silence(1.5);
                DecodeRequest request = DecodeRequest.defaults().withPrompt("thread test " + i);
                results.add(pool.submit(() -> engine.decode(audio, request)));
            }
            for (Future<DecodeResult> result : results) {
                DecodeResult done = result.get(120, TimeUnit.SECONDS);
                assertThat(done.text()).isEmpty();
                assertThat(done.inferenceMs()).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void callerSamplesAreNotModified() throws Exception {
        float[] samples = TestAudio.tone(0.5, 440, 0.5);
        float[] before = samples.clone();

        engine.decode(samples, DecodeRequest.defaults());

        assertThat(samples).containsExactly(before);
    }

    @Test
    void emptyAudioYieldsNoSegments() throws Exception {
        DecodeResult result = engine.decode(new float[0], DecodeRequest.defaults());

        assertThat(result.segments()).isEmpty();
    }

    @Test
    void foreignLanguageAndTranslateOnEnglishOnlyModelStillDecode() throws Exception {
        DecodeResult result =
                engine.decode(TestAudio.tone(1.2, 200, 0.3), new DecodeRequest("de", true, "Grüße", 0.6f, -1f, 2.4f));

        assertThat(result.text()).isEmpty();
    }

    @Test
    void infoDescribesModelLibraryAndThreads() throws Exception {
        EngineInfo info = engine.info();

        assertThat(info.modelName()).isEqualTo("ggml-tiny.en-weightless.bin");
        assertThat(info.modelType()).isEqualTo("tiny.en");
        assertThat(info.backendKind()).isEqualTo("CPU");
        assertThat(info.threads()).isEqualTo(1);
        assertThat(info.systemInfo())
                .isEqualTo(WhisperEngine.nativeSystemInfo())
                .contains("AVX");
        if (System.getProperty(NativeWhisperLibrary.LIBDIR_PROPERTY) == null) {
            assertThat(info.libraryDir()).isEqualTo("bundled");
        }
        assertThat(engine.modelInfo().hasTensors()).isFalse();
    }

    @Test
    void gpuRequestOnTheBundledCpuLibraryIsReportedAsCpu() throws Exception {
        assumeTrue(
                System.getProperty(NativeWhisperLibrary.LIBDIR_PROPERTY) == null,
                "runs against the bundled library only");
        try (WhisperEngine gpu = WhisperEngine.load(modelFile, new WhisperEngineSettings(1, 1, true))) {
            assertThat(gpu.info().backendKind()).isEqualTo("CPU");
            assertThat(gpu.decode(TestAudio.tone(1.2, 440, 0.3), DecodeRequest.defaults())
                            .text())
                    .isEmpty();
        }
    }

    @Test
    void decodeAfterCloseFailsClearlyAndCloseIsIdempotent() throws Exception {
        WhisperEngine closing = WhisperEngine.load(modelFile, new WhisperEngineSettings(1, 1, false));
        closing.close();

        assertThatThrownBy(() -> closing.decode(TestAudio.tone(1.2, 440, 0.3), DecodeRequest.defaults()))
                .isInstanceOf(EngineException.class)
                .hasMessage("The speech engine for ggml-tiny.en-weightless.bin is closed");
        closing.close();
    }

    @Test
    void malformedModelIsRejectedBeforeNativeCode() throws Exception {
        Path broken = dir.resolve("broken.bin");
        byte[] valid = Files.readAllBytes(modelFile);
        Files.write(broken, java.util.Arrays.copyOf(valid, 30_000));

        assertThatThrownBy(() -> WhisperEngine.load(broken, WhisperEngineSettings.defaults()))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining(
                        "broken.bin is truncated: mel filters need 64320 bytes at offset 56, file has 30000 bytes");
    }

    @Test
    void modelThatPassesValidationButNotWhisperCppFailsWithAnException() throws Exception {
        // structurally sound, but whisper.cpp knows no tensor of this name: its loader must fail softly, not abort
        Path odd = new GgmlFileBuilder()
                .tensor(0, "not.a.whisper.tensor", new int[] {4}, 16)
                .writeTo(dir.resolve("odd.bin"));
        assertThat(ModelValidator.validate(odd).tensorCount()).isEqualTo(1);

        assertThatThrownBy(() -> WhisperEngine.load(odd, new WhisperEngineSettings(1, 1, false)))
                .isInstanceOf(EngineException.class)
                .isNotInstanceOf(InvalidModelException.class)
                .hasMessageStartingWith("whisper.cpp could not load model " + odd);
    }

    @Test
    void settingsRejectNonsense() {
        assertThatThrownBy(() -> new WhisperEngineSettings(0, 2, false))
                .hasMessageContaining("threads must be 1..256, was 0");
        assertThatThrownBy(() -> new WhisperEngineSettings(2, 0, false))
                .hasMessageContaining("maxConcurrentDecodes must be 1..64, was 0");
        assertThat(WhisperEngineSettings.defaults().threads()).isBetween(1, 4);
        assertThat(WhisperEngineSettings.defaults().maxConcurrentDecodes()).isEqualTo(2);
    }

    interface NativeCall<T> {
        T run() throws Exception;
    }

    /** Runs {@code call} while collecting what whisper.cpp logs (routed to SLF4J at debug). */
    private static <T> T withNativeLog(List<String> lines, NativeCall<T> call) throws Exception {
        ch.qos.logback.classic.Logger nativeLogger =
                (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.voiceconsole.engine.whisper.native");
        Level previous = nativeLogger.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        nativeLogger.setLevel(Level.DEBUG);
        nativeLogger.addAppender(appender);
        try {
            return call.run();
        } finally {
            nativeLogger.detachAppender(appender);
            nativeLogger.setLevel(previous);
            appender.list.forEach(e -> lines.add(e.getFormattedMessage()));
        }
    }
}
