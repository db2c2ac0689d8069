package dev.voiceconsole.engine;

import com.sun.jna.Pointer;
import dev.voiceconsole.engine.whispercpp.ContextParams;
import dev.voiceconsole.engine.whispercpp.FullParams;
import dev.voiceconsole.engine.whispercpp.TokenData;
import dev.voiceconsole.engine.whispercpp.WhisperCppLibrary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * whisper.cpp through its C API: one shared model context and a pool of native decoder states, one per concurrent
 * decode (whisper.cpp allows parallel decodes on one context with separate states). The model file is validated in
 * Java first because the native loader aborts the JVM on malformed files. The context and every state are created
 * and freed here, each exactly once.
 */
public final class WhisperEngine implements SpeechEngine {
    private static final Logger log = LoggerFactory.getLogger(WhisperEngine.class);
    /** A GPU backend compiled into the native library, as whisper.cpp's system info names it. */
    private static final Pattern GPU_BACKEND = Pattern.compile(
            "\\b(CUDA|METAL|VULKAN|SYCL|CANN|HIP|ROCM|KOMPUTE|OPENCL|MUSA)\\b\\s*(=\\s*1|:)", Pattern.CASE_INSENSITIVE);

    /** whisper.cpp encodes audio in windows of at most this many seconds. */
    private static final int WINDOW_S = 30;

    private final WhisperCppLibrary whisper;
    private final Pointer context;
    /** Token ids from the end-of-text token up are special or timestamps: not text. */
    private final int firstSpecialToken;

    private final int nVocab;
    private final int sotToken;
    private final int noSpeechToken;
    /** The token of each language id whisper can detect; empty for an English-only model. */
    private final int[] languageTokens;

    private final GgmlModelInfo model;
    private final boolean multilingual;
    private final WhisperEngineSettings settings;
    private final EngineInfo info;
    /** One permit per idle state; fair so waiting decodes are served in arrival order. */
    private final Semaphore permits;
    /** Guarded by {@code this}. */
    private final Deque<Pointer> idleStates;

    private final List<Pointer> allStates;
    /** Guarded by {@code this}. */
    private boolean closed;

    private WhisperEngine(
            WhisperCppLibrary whisper,
            Pointer context,
            List<Pointer> states,
            GgmlModelInfo model,
            boolean multilingual,
            WhisperEngineSettings settings,
            EngineInfo info) {
        this.whisper = whisper;
        this.context = context;
        this.firstSpecialToken = whisper.whisper_token_eot(context);
        this.nVocab = whisper.whisper_n_vocab(context);
        this.sotToken = whisper.whisper_token_sot(context);
        this.noSpeechToken = whisper.whisper_token_nosp(context);
        this.languageTokens = multilingual ? languageTokens(whisper, context) : new int[0];
        this.model = model;
        this.multilingual = multilingual;
        this.settings = settings;
        this.info = info;
        this.allStates = List.copyOf(states);
        this.idleStates = new ArrayDeque<>(states);
        this.permits = new Semaphore(states.size(), true);
    }

    /**
     * Validates and loads a whisper.cpp ggml model.
     *
     * @throws InvalidModelException when the file is missing or malformed (checked before native code sees it)
     * @throws EngineException when the native library or model cannot be loaded
     */
    public static WhisperEngine load(Path modelFile, WhisperEngineSettings settings) throws EngineException {
        Objects.requireNonNull(settings, "settings");
        GgmlModelInfo model = ModelValidator.validateForThisMachine(modelFile);
        log.info("Loading {} ({})", modelFile, model.modelType());
        NativeWhisperLibrary.Loaded library = NativeWhisperLibrary.load();
        WhisperCppLibrary whisper = library.whisper();
        long started = System.nanoTime();

        Pointer defaults = whisper.whisper_context_default_params_by_ref();
        Pointer context;
        try {
            ContextParams contextParams = new ContextParams(defaults);
            contextParams.use_gpu = FullParams.flag(settings.useGpu());
            context = whisper.whisper_init_from_file_with_params_no_state(modelFile.toString(), contextParams);
        } finally {
            whisper.whisper_free_context_params(defaults);
        }
        if (context == null) {
            throw new EngineException("whisper.cpp could not load model " + modelFile
                    + " (see debug log of dev.voiceconsole.engine.whisper.native for its reason)");
        }
        List<Pointer> states = new ArrayList<>();
        for (int i = 0; i < settings.maxConcurrentDecodes(); i++) {
            Pointer state = whisper.whisper_init_state(context);
            if (state == null) {
                states.forEach(whisper::whisper_free_state);
                whisper.whisper_free(context);
                throw new EngineException("whisper.cpp could not allocate decoder state " + (i + 1) + " of "
                        + settings.maxConcurrentDecodes() + " for model " + modelFile + " (out of memory?)");
            }
            states.add(state);
        }
        boolean multilingual = whisper.whisper_is_multilingual(context) != 0;

        String backend = backendKind(settings, library);
        EngineInfo info = new EngineInfo(
                String.valueOf(modelFile.getFileName()),
                model.modelType(),
                backend,
                library.systemInfo(),
                library.libraryDir(),
                settings.threads(),
                !model.hasTensors());
        log.info(
                "Loaded {} ({}, {} tensors) in {} ms: {} backend, {} threads, {} decoder states",
                info.modelName(),
                info.modelType(),
                model.tensorCount(),
                (System.nanoTime() - started) / 1_000_000,
                backend,
                settings.threads(),
                states.size());
        if (!model.hasTensors()) {
            log.warn(
                    "Model {} has no weights (a test model): decodes run the full network but yield no text",
                    info.modelName());
        }
        WhisperEngine engine = new WhisperEngine(whisper, context, states, model, multilingual, settings, info);
        engine.warmUp();
        return engine;
    }

    /**
     * whisper.cpp allocates a state's compute buffers on its first decode, which then costs several times a normal
     * one (about 0.7 s against 0.1 s for tiny here); paying it at load keeps the user's first partial as fast as the
     * rest. States are reused most-recent-first, so the warmed state is the one the next decode gets.
     */
    private void warmUp() throws EngineException {
        long started = System.nanoTime();
        try {
            decode(new float[EncoderWindow.SAMPLE_RATE], DecodeRequest.defaults());
        } catch (EngineException e) {
            close();
            throw e;
        }
        log.debug("Warm-up decode took {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    /** What whisper.cpp reports about the native build (SIMD features, backends); loads the library if needed. */
    public static String nativeSystemInfo() throws EngineException {
        return NativeWhisperLibrary.load().systemInfo();
    }

    /**
     * GPU only when it was asked for, the library is not the bundled CPU-only build, and that library says it has a
     * GPU backend; whisper.cpp falls back to CPU silently otherwise, so claiming GPU on the flag alone would lie.
     */
    private static String backendKind(WhisperEngineSettings settings, NativeWhisperLibrary.Loaded library) {
        boolean gpu = settings.useGpu()
                && !NativeWhisperLibrary.BUNDLED.equals(library.libraryDir())
                && GPU_BACKEND.matcher(library.systemInfo()).find();
        if (settings.useGpu() && !gpu) {
            log.warn(
                    "GPU requested but the native library at {} has no GPU backend; decoding on CPU",
                    library.libraryDir());
        }
        return gpu ? "GPU" : "CPU";
    }

    @Override
    public DecodeResult decode(float[] samples, DecodeRequest request) throws EngineException {
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(request, "request");
        if (samples.length == 0) {
            return new DecodeResult(List.of(), 0.0);
        }
        Pointer state = borrowState();
        try {
            return decodeWith(state, samples, request);
        } finally {
            returnState(state);
        }
    }

    private DecodeResult decodeWith(Pointer state, float[] samples, DecodeRequest request) throws EngineException {
        float[] audio = EncoderWindow.padToMinimum(samples);
        double durationS = (double) samples.length / EncoderWindow.SAMPLE_RATE;
        Pointer defaults = whisper.whisper_full_default_params_by_ref(FullParams.SAMPLING_GREEDY);
        try {
            FullParams params = fullParams(new FullParams(defaults), request, audio.length);
            long started = System.nanoTime();
            int rc = whisper.whisper_full_with_state(context, state, params, audio, audio.length);
            double inferenceMs = (System.nanoTime() - started) / 1e6;
            if (rc != 0) {
                throw new EngineException(String.format(
                        "whisper.cpp decode of %.2f s of audio failed with code %d (see debug log of dev.voiceconsole.engine.whisper.native)",
                        durationS, rc));
            }
            int count = whisper.whisper_full_n_segments_from_state(state);
            WindowScores scores = audio.length > EncoderWindow.SAMPLE_RATE * WINDOW_S
                    ? WindowScores.NONE
                    : windowScores(state, request);
            List<DecodedSegment> segments = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                segments.add(segment(state, i, samples, durationS, scores));
            }
            log.debug(
                    "Decoded {} s (audio_ctx {}) in {} ms: {} segments",
                    durationS,
                    params.audio_ctx,
                    inferenceMs,
                    count);
            return new DecodeResult(segments, inferenceMs, language(state, request, scores));
        } finally {
            whisper.whisper_free_params(defaults);
        }
    }

    /**
     * What whisper's decoder says at the start-of-transcript position of the window just encoded: the probability of
     * its no-speech token (OpenAI's whisper reads it there; whisper.cpp 1.7.1 computes none) and, for a multilingual
     * model, the logits of its language tokens. One decoder step over one token against the state's encoder output,
     * so it costs a fraction of a token of the decode itself. Taken without the prompt: how the window sounds, not
     * how it continues the text before it.
     */
    private WindowScores windowScores(Pointer state, DecodeRequest request) {
        int[] sot = {sotToken};
        if (whisper.whisper_decode_with_state(context, state, sot, 1, 0, settings.threads()) != 0) {
            log.debug("No window scores: whisper.cpp's decoder step over the start-of-transcript token failed");
            return WindowScores.NONE;
        }
        float[] logits = whisper.whisper_get_logits_from_state(state).getFloatArray(0, nVocab);
        float noSpeech = (float) Softmax.of(logits).probability(noSpeechToken);
        Softmax languages = null;
        if (multilingual && DecodeRequest.AUTO.equals(request.language())) {
            float[] languageLogits = new float[languageTokens.length];
            for (int id = 0; id < languageLogits.length; id++) {
                languageLogits[id] = logits[languageTokens[id]];
            }
            languages = Softmax.of(languageLogits);
        }
        return new WindowScores(true, noSpeech, languages);
    }

    /**
     * The language tokens lie between start-of-transcript and translate: 99 in most multilingual models, 100 in
     * large-v3; whisper_lang_max_id() counts whisper.cpp's table, which is longer than the first.
     */
    private static int[] languageTokens(WhisperCppLibrary whisper, Pointer context) {
        int count = Math.min(
                whisper.whisper_lang_max_id() + 1,
                whisper.whisper_token_translate(context) - whisper.whisper_token_sot(context) - 1);
        int[] tokens = new int[count];
        for (int id = 0; id < count; id++) {
            tokens[id] = whisper.whisper_token_lang(context, id);
        }
        return tokens;
    }

    /** The language whisper.cpp transcribed as; with its detection's probability when the request asked for auto. */
    private SpokenLanguage language(Pointer state, DecodeRequest request, WindowScores scores) {
        boolean auto = DecodeRequest.AUTO.equals(request.language());
        if (!multilingual) {
            return auto ? new SpokenLanguage("en", 1.0) : SpokenLanguage.given("en");
        }
        if (!auto) {
            return SpokenLanguage.given(request.language());
        }
        int id = whisper.whisper_full_lang_id_from_state(state);
        if (id < 0) {
            return SpokenLanguage.UNKNOWN;
        }
        double probability =
                scores.languages() == null || id >= scores.languages().size()
                        ? Double.NaN
                        : scores.languages().probability(id);
        return new SpokenLanguage(whisper.whisper_lang_str(id), probability);
    }

    /**
     * @param computed false when the window's scores could not be read (several encoder windows, a failed step)
     * @param languages the distribution over language ids; null unless detecting on a multilingual model
     */
    private record WindowScores(boolean computed, float noSpeechProb, Softmax languages) {
        static final WindowScores NONE = new WindowScores(false, Float.NaN, null);
    }

    /** One segment with its words, its span narrowed to the sound in it ({@link SpeechBounds}). */
    private DecodedSegment segment(Pointer state, int i, float[] samples, double durationS, WindowScores scores) {
        String text = utf8(whisper.whisper_full_get_segment_text_from_state(state, i));
        double from = centisToSeconds(whisper.whisper_full_get_segment_t0_from_state(state, i), durationS);
        double to =
                Math.max(from, centisToSeconds(whisper.whisper_full_get_segment_t1_from_state(state, i), durationS));
        SpeechBounds.Bounds bounds = SpeechBounds.within(samples, EncoderWindow.SAMPLE_RATE, from, to);
        double start = bounds.startS();
        double end = bounds.endS();
        int n = whisper.whisper_full_n_tokens_from_state(state, i);
        List<TokenWords.Token> tokens = new ArrayList<>(n);
        double logprobSum = 0;
        for (int t = 0; t < n; t++) {
            TokenData data = whisper.whisper_full_get_token_data_from_state(state, i, t);
            if (data.id >= firstSpecialToken) {
                continue;
            }
            logprobSum += data.plog;
            byte[] bytes = bytes(whisper.whisper_full_get_token_text_from_state(context, state, i, t));
            double t0 = Math.max(start, centisToSeconds(data.t0, durationS));
            double t1 = Math.min(end, Math.max(t0, centisToSeconds(data.t1, durationS)));
            tokens.add(new TokenWords.Token(bytes, data.p, t0, t1));
        }
        List<DecodedWord> words = TokenWords.merge(tokens);
        // the window's no-speech probability stands for each of its segments, as in OpenAI's whisper
        float avgLogprob = tokens.isEmpty() ? Float.NaN : (float) (logprobSum / tokens.size());
        return new DecodedSegment(text, start, end, scores.computed(), avgLogprob, scores.noSpeechProb(), words);
    }

    private static byte[] bytes(Pointer cString) {
        if (cString == null) {
            return new byte[0];
        }
        return cString.getByteArray(0, (int) cString.indexOf(0, (byte) 0));
    }

    private static String utf8(Pointer cString) {
        return new String(bytes(cString), StandardCharsets.UTF_8);
    }

    private FullParams fullParams(FullParams params, DecodeRequest request, int sampleCount) {
        params.n_threads = settings.threads();
        params.audio_ctx =
                EncoderWindow.audioCtxFor(sampleCount, model.hparams().nAudioCtx());
        if (multilingual) {
            // "auto" makes whisper.cpp detect the language and then transcribe; detect_language would stop after
            // detecting
            params.language = request.language();
            params.translate = FullParams.flag(request.translate());
        } else {
            params.language = "en";
            params.translate = 0;
        }
        params.detect_language = 0;
        // whisper.cpp tokenizes the prompt as given; OpenAI's whisper puts a space first, so the prompt's first word
        // is the token it is mid-sentence (" hello", not "hello"), the form models are trained on
        params.initial_prompt =
                request.prompt().isBlank() ? null : " " + request.prompt().strip();
        // States are reused across sessions: context carried over from a previous decode must not leak into this one;
        // callers carry context explicitly through the prompt.
        params.no_context = 1;
        params.no_speech_thold = request.noSpeechThreshold();
        params.logprob_thold = request.logprobThreshold();
        params.entropy_thold = request.entropyThreshold();
        // fallback in steps of 0.4 with one candidate, as whisper-jni set it and the benchmarks were measured with:
        // at most two retries, none of them five-fold (whisper.cpp's default best_of 5 at temperatures above zero)
        params.temperature_inc = 0.4f;
        params.greedy_best_of = -1;
        params.single_segment = 0;
        params.no_timestamps = 0;
        // per-token times (whisper.cpp's timestamp-token probabilities, then fitted to the signal's energy): word times
        params.token_timestamps = 1;
        params.suppress_non_speech_tokens = 1;
        params.print_progress = 0;
        params.print_realtime = 0;
        params.print_timestamps = 0;
        params.print_special = 0;
        return params;
    }

    private static double centisToSeconds(long centiseconds, double durationS) {
        return Math.min(Math.max(0.0, centiseconds / 100.0), durationS);
    }

    private Pointer borrowState() throws EngineException {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("Interrupted while waiting for a free decoder", e);
        }
        synchronized (this) {
            if (closed) {
                permits.release();
                throw closedException();
            }
            return idleStates.pop();
        }
    }

    private void returnState(Pointer state) {
        synchronized (this) {
            idleStates.push(state);
        }
        permits.release();
    }

    private EngineException closedException() {
        return new EngineException("The speech engine for " + info.modelName() + " is closed");
    }

    @Override
    public EngineInfo info() {
        return info;
    }

    /** Model facts from validation. */
    public GgmlModelInfo modelInfo() {
        return model;
    }

    /** Waits for running decodes to finish, then frees the native states and the model. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        int all = allStates.size();
        permits.acquireUninterruptibly(all);
        try {
            allStates.forEach(whisper::whisper_free_state);
            whisper.whisper_free(context);
        } finally {
            // wake decodes that were already waiting: they see the engine closed and fail cleanly
            permits.release(all);
        }
        log.info("Closed speech engine for {}", info.modelName());
    }

    @Override
    public String toString() {
        return "WhisperEngine[" + info.modelName() + ", " + info.modelType() + ", " + info.backendKind() + "]";
    }
}
