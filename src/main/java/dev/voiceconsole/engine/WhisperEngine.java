package dev.voiceconsole.engine;

import io.github.givimad.whisperjni.WhisperContext;
import io.github.givimad.whisperjni.WhisperContextParams;
import io.github.givimad.whisperjni.WhisperFullParams;
import io.github.givimad.whisperjni.WhisperJNI;
import io.github.givimad.whisperjni.WhisperSamplingStrategy;
import io.github.givimad.whisperjni.WhisperState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Pattern;

/**
 * whisper.cpp through whisper-jni: one model context shared by every session, one native state per concurrent
 * decode (a state holds the decoder's buffers and must never be used by two threads at once).
 */
public final class WhisperEngine implements SpeechEngine {

    private static final Logger log = LoggerFactory.getLogger(WhisperEngine.class);

    static final int SAMPLE_RATE = 16_000;
    /** whisper's encoder sees 1500 positions for its 30-s window: 50 per second of audio. */
    private static final int POSITIONS_PER_SECOND = 50;
    private static final int MAX_AUDIO_CTX = 1500;
    /** Headroom over the audio's own length, so the last word is not cut off at the encoder's edge. */
    private static final int AUDIO_CTX_MARGIN = 32;
    /** whisper.cpp returns no text at all for input under 1 s; short words are padded with silence instead. */
    private static final int MIN_INPUT_SAMPLES = SAMPLE_RATE + SAMPLE_RATE / 10;
    private static final Pattern GPU_BACKENDS = Pattern.compile("(?i)\\b(CUDA|METAL|VULKAN|HIP|SYCL|OPENCL|CANN)\\b");

    private final WhisperJNI jni;
    private final WhisperContext context;
    private final List<WhisperState> allStates;
    /** Used as a stack: the most recently used state is reused first, so a warmed-up state stays in use. */
    private final BlockingDeque<WhisperState> freeStates;
    private final WhisperEngineSettings settings;
    private final EngineInfo info;
    /** Decodes hold the read side; close takes the write side so it never frees a state a decode is using. */
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private volatile boolean closed;

    private WhisperEngine(WhisperJNI jni, WhisperContext context, List<WhisperState> states,
                          WhisperEngineSettings settings, EngineInfo info) {
        this.jni = jni;
        this.context = context;
        this.allStates = List.copyOf(states);
        this.freeStates = new LinkedBlockingDeque<>(states);
        this.settings = settings;
        this.info = info;
    }

    /** Validates the model in Java first (a corrupt file must never reach native code), then loads it. */
    public static WhisperEngine load(Path model, WhisperEngineSettings settings) throws EngineException {
        GgmlModelInfo modelInfo = ModelValidator.validate(model);
        String libraryDir = NativeWhisperLibrary.ensureLoaded();
        WhisperJNI jni = new WhisperJNI();
        WhisperContextParams params = new WhisperContextParams();
        params.useGPU = settings.useGpu();
        WhisperContext context;
        try {
            context = jni.initNoState(model, params);
        } catch (IOException e) {
            throw new EngineException("whisper.cpp could not load model " + model + ": " + e.getMessage(), e);
        }
        if (context == null) {
            throw new EngineException("whisper.cpp could not load model " + model);
        }
        List<WhisperState> states = new ArrayList<>();
        for (int i = 0; i < settings.maxConcurrentDecodes(); i++) {
            WhisperState state = jni.initState(context);
            if (state == null) {
                states.forEach(jni::free);
                jni.free(context);
                throw new EngineException("whisper.cpp could not allocate decode state " + (i + 1) + " for " + model);
            }
            states.add(state);
        }
        String systemInfo = jni.getSystemInfo();
        boolean gpu = settings.useGpu() && !NativeWhisperLibrary.BUNDLED.equals(libraryDir)
                && GPU_BACKENDS.matcher(systemInfo).find();
        EngineInfo info = new EngineInfo(String.valueOf(model.getFileName()), modelInfo.modelType(),
                gpu ? "GPU" : "CPU", systemInfo, libraryDir, settings.threads());
        log.info("loaded {} ({}, {} tensors) on {} with {} threads, {} decode states", info.modelName(),
                info.modelType(), modelInfo.tensorCount(), info.backendKind(), settings.threads(), states.size());
        WhisperEngine engine = new WhisperEngine(jni, context, states, settings, info);
        engine.warmUp();
        return engine;
    }

    /**
     * whisper.cpp allocates its compute buffers on a state's first decode, which costs several times a normal decode;
     * paying it at load keeps the user's first partial as fast as the rest.
     */
    private void warmUp() throws EngineException {
        long start = System.nanoTime();
        decode(new float[MIN_INPUT_SAMPLES], DecodeRequest.defaults());
        log.debug("warm-up decode took {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    public DecodeResult decode(float[] samples, DecodeRequest request) throws EngineException {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new EngineException("the speech engine is closed");
            }
            WhisperState state = borrowState();
            try {
                return decodeWith(state, samples, request);
            } finally {
                freeStates.addFirst(state);
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private DecodeResult decodeWith(WhisperState state, float[] samples, DecodeRequest request) throws EngineException {
        float[] input = samples.length >= MIN_INPUT_SAMPLES ? samples : Arrays.copyOf(samples, MIN_INPUT_SAMPLES);
        WhisperFullParams params = paramsFor(input.length, request);
        long start = System.nanoTime();
        int rc = jni.fullWithState(context, state, params, input, input.length);
        double inferenceMs = (System.nanoTime() - start) / 1e6;
        if (rc != 0) {
            throw new EngineException("whisper.cpp decode failed with code " + rc + " on "
                    + String.format("%.2f", samples.length / (double) SAMPLE_RATE) + " s of audio");
        }
        int count = jni.fullNSegmentsFromState(state);
        List<DecodedSegment> segments = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            // whisper.cpp timestamps are in centiseconds.
            segments.add(DecodedSegment.unscored(jni.fullGetSegmentTextFromState(state, i),
                    jni.fullGetSegmentTimestamp0FromState(state, i) / 100.0,
                    jni.fullGetSegmentTimestamp1FromState(state, i) / 100.0));
        }
        return new DecodeResult(segments, inferenceMs);
    }

    private WhisperFullParams paramsFor(int inputSamples, DecodeRequest request) {
        WhisperFullParams p = new WhisperFullParams(WhisperSamplingStrategy.GREEDY);
        p.nThreads = settings.threads();
        p.audioCtx = audioCtxFor(inputSamples);
        p.language = request.language();
        p.detectLanguage = false;
        p.translate = request.translate();
        p.initialPrompt = request.prompt().isEmpty() ? null : request.prompt();
        // Each call brings its own prompt; a state is shared by sessions in turn and must not leak context between them.
        p.noContext = true;
        p.singleSegment = false;
        p.printProgress = false;
        p.printRealtime = false;
        p.printSpecial = false;
        p.printTimestamps = false;
        p.suppressBlank = true;
        p.suppressNonSpeechTokens = true;
        p.noSpeechThold = request.noSpeechThreshold();
        p.logprobThold = request.logprobThreshold();
        p.entropyThold = request.entropyThreshold();
        return p;
    }

    /** Encoder positions for this much audio: the encoder's cost grows with it, so a 3-s utterance stays cheap. */
    static int audioCtxFor(int samples) {
        int positions = (int) Math.ceil(samples * (double) POSITIONS_PER_SECOND / SAMPLE_RATE) + AUDIO_CTX_MARGIN;
        return Math.min(MAX_AUDIO_CTX, positions);
    }

    private WhisperState borrowState() throws EngineException {
        try {
            return freeStates.takeFirst();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while waiting for a free decode state", e);
        }
    }

    @Override
    public EngineInfo info() {
        return info;
    }

    /** Waits for decodes in progress, then frees the native states and the model. Idempotent. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            allStates.forEach(jni::free);
            jni.free(context);
            log.debug("whisper engine for {} closed", info.modelName());
        } finally {
            lifecycle.writeLock().unlock();
        }
    }
}
