package dev.voiceconsole.engine;

import io.github.givimad.whisperjni.WhisperContext;
import io.github.givimad.whisperjni.WhisperContextParams;
import io.github.givimad.whisperjni.WhisperFullParams;
import io.github.givimad.whisperjni.WhisperJNI;
import io.github.givimad.whisperjni.WhisperSamplingStrategy;
import io.github.givimad.whisperjni.WhisperState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Lock;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * whisper.cpp through whisper-jni: one shared model context and a pool of native decoder states, one per concurrent
 * decode. The model file is validated in Java first because the native loader aborts the JVM on malformed files.
 */
public final class WhisperEngine implements SpeechEngine {
    private static final Logger log = LoggerFactory.getLogger(WhisperEngine.class);
    /** A GPU backend compiled into the native library, as whisper.cpp's system info names it. */
    private static final Pattern GPU_BACKEND = Pattern.compile(
            "\\b(CUDA|METAL|VULKAN|SYCL|CANN|HIP|ROCM|KOMPUTE|OPENCL|MUSA)\\b\\s*(=\\s*1|:)", Pattern.CASE_INSENSITIVE);

    private final WhisperJNI whisper;
    private final WhisperContext context;
    private final GgmlModelInfo model;
    private final boolean multilingual;
    private final WhisperEngineSettings settings;
    private final EngineInfo info;
    /** One permit per idle state; fair so waiting decodes are served in arrival order. */
    private final Semaphore permits;
    /** Guarded by {@code this}. */
    private final Deque<WhisperState> idleStates;

    private final List<WhisperState> allStates;
    /** Guarded by {@code this}. */
    private boolean closed;

    private WhisperEngine(
            WhisperJNI whisper,
            WhisperContext context,
            List<WhisperState> states,
            GgmlModelInfo model,
            boolean multilingual,
            WhisperEngineSettings settings,
            EngineInfo info) {
        this.whisper = whisper;
        this.context = context;
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
        WhisperJNI whisper = library.whisper();
        long started = System.nanoTime();

        WhisperContext context;
        List<WhisperState> states = new ArrayList<>();
        boolean multilingual;
        Lock change = NativeWhisperLibrary.handleChange();
        change.lock();
        try {
            WhisperContextParams contextParams = new WhisperContextParams();
            contextParams.useGPU = settings.useGpu();
            try {
                context = whisper.initNoState(modelFile, contextParams);
            } catch (IOException e) {
                throw new EngineException("whisper.cpp could not open model " + modelFile + ": " + e.getMessage(), e);
            }
            if (context == null) {
                throw new EngineException("whisper.cpp could not load model " + modelFile
                        + " (see debug log of dev.voiceconsole.engine.whisper.native for its reason)");
            }
            for (int i = 0; i < settings.maxConcurrentDecodes(); i++) {
                WhisperState state = whisper.initState(context);
                if (state == null) {
                    states.forEach(WhisperState::close);
                    context.close();
                    throw new EngineException("whisper.cpp could not allocate decoder state " + (i + 1) + " of "
                            + settings.maxConcurrentDecodes() + " for model " + modelFile + " (out of memory?)");
                }
                states.add(state);
            }
            multilingual = whisper.isMultilingual(context);
        } finally {
            change.unlock();
        }

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
        WhisperState state = borrowState();
        try {
            return decodeWith(state, samples, request);
        } finally {
            returnState(state);
        }
    }

    private DecodeResult decodeWith(WhisperState state, float[] samples, DecodeRequest request) throws EngineException {
        float[] audio = EncoderWindow.padToMinimum(samples);
        WhisperFullParams params = fullParams(request, audio.length);
        double durationS = (double) samples.length / EncoderWindow.SAMPLE_RATE;

        Lock use = NativeWhisperLibrary.handleUse();
        use.lock();
        try {
            long started = System.nanoTime();
            int rc = whisper.fullWithState(context, state, params, audio, audio.length);
            double inferenceMs = (System.nanoTime() - started) / 1e6;
            if (rc != 0) {
                throw new EngineException(String.format(
                        "whisper.cpp decode of %.2f s of audio failed with code %d (see debug log of dev.voiceconsole.engine.whisper.native)",
                        durationS, rc));
            }
            int count = whisper.fullNSegmentsFromState(state);
            List<DecodedSegment> segments = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String text = whisper.fullGetSegmentTextFromState(state, i);
                double start = centisToSeconds(whisper.fullGetSegmentTimestamp0FromState(state, i), durationS);
                double end = centisToSeconds(whisper.fullGetSegmentTimestamp1FromState(state, i), durationS);
                // whisper-jni 1.7.1 exposes no token probabilities
                segments.add(DecodedSegment.unscored(text == null ? "" : text, start, Math.max(start, end)));
            }
            log.debug(
                    "Decoded {} s (audio_ctx {}) in {} ms: {} segments",
                    durationS,
                    params.audioCtx,
                    inferenceMs,
                    count);
            return new DecodeResult(segments, inferenceMs);
        } finally {
            use.unlock();
        }
    }

    private WhisperFullParams fullParams(DecodeRequest request, int sampleCount) {
        WhisperFullParams params = new WhisperFullParams(WhisperSamplingStrategy.GREEDY);
        params.nThreads = settings.threads();
        params.audioCtx = EncoderWindow.audioCtxFor(sampleCount, model.hparams().nAudioCtx());
        if (multilingual) {
            // "auto" makes whisper.cpp detect the language and then transcribe; detectLanguage=true would stop after
            // detecting
            params.language = request.language();
            params.translate = request.translate();
        } else {
            params.language = "en";
            params.translate = false;
        }
        params.detectLanguage = false;
        // whisper.cpp tokenizes the prompt as given; OpenAI's whisper puts a space first, so the prompt's first word
        // is the token it is mid-sentence (" hello", not "hello"), the form models are trained on
        params.initialPrompt =
                request.prompt().isBlank() ? null : " " + request.prompt().strip();
        // States are reused across sessions: context carried over from a previous decode must not leak into this one;
        // callers carry context explicitly through the prompt.
        params.noContext = true;
        params.noSpeechThold = request.noSpeechThreshold();
        params.logprobThold = request.logprobThreshold();
        params.entropyThold = request.entropyThreshold();
        params.singleSegment = false;
        params.noTimestamps = false;
        params.suppressNonSpeechTokens = true;
        params.printProgress = false;
        params.printRealtime = false;
        params.printTimestamps = false;
        params.printSpecial = false;
        return params;
    }

    private static double centisToSeconds(long centiseconds, double durationS) {
        return Math.min(Math.max(0.0, centiseconds / 100.0), durationS);
    }

    private WhisperState borrowState() throws EngineException {
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

    private void returnState(WhisperState state) {
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
        Lock change = NativeWhisperLibrary.handleChange();
        change.lock();
        try {
            allStates.forEach(WhisperState::close);
            context.close();
        } finally {
            change.unlock();
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
