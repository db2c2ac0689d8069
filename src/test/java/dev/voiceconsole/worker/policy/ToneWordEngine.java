package dev.voiceconsole.worker.policy;

import dev.voiceconsole.engine.DecodeRequest;
import dev.voiceconsole.engine.DecodeResult;
import dev.voiceconsole.engine.DecodedSegment;
import dev.voiceconsole.engine.EngineException;
import dev.voiceconsole.engine.EngineInfo;
import dev.voiceconsole.engine.SpeechEngine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * Scripted engine whose transcript is derived from the audio it gets: 50-ms blocks are classified by their
 * dominant tone (Goertzel over a fixed table), consecutive blocks of one tone make one word, anything else
 * separates words. A block counts as a tone only when that tone carries at least a quarter of the block's energy,
 * so a word fragment shorter than ~12 ms at a buffer edge is not heard.
 */
public final class ToneWordEngine implements SpeechEngine {

    public static final Map<String, Integer> FREQUENCIES = Map.of(
            "alpha", 300, "bravo", 400, "charlie", 500, "delta", 600, "echo", 700, "foxtrot", 800, "golf", 900, "hotel",
            1000, "india", 1100, "juliet", 1200);
    public static final List<String> WORDS =
            List.of("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet");
    static final int BLOCK = 800;
    private static final double SILENT_MEAN_SQUARE = 0.02 * 0.02;
    private static final double MIN_TONE_SHARE = 0.25;

    private final double[] coefficients = new double[WORDS.size()];
    private boolean scored;
    private float avgLogprob;
    private float noSpeechProb;
    private boolean decorate;
    private IntPredicate failOnCall = call -> false;

    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final List<Integer> samplesPerCall = Collections.synchronizedList(new ArrayList<>());
    final List<String> prompts = Collections.synchronizedList(new ArrayList<>());

    public ToneWordEngine() {
        for (int i = 0; i < WORDS.size(); i++) {
            coefficients[i] = 2 * Math.cos(2 * Math.PI * FREQUENCIES.get(WORDS.get(i)) / 16_000.0);
        }
    }

    ToneWordEngine withScores(float noSpeechProb, float avgLogprob) {
        this.scored = true;
        this.noSpeechProb = noSpeechProb;
        this.avgLogprob = avgLogprob;
        return this;
    }

    /** Whisper-like spelling noise: odd calls capitalize the first word, every call ends with a period. */
    ToneWordEngine decorated() {
        this.decorate = true;
        return this;
    }

    ToneWordEngine failingOn(IntPredicate callNumbers) {
        this.failOnCall = callNumbers;
        return this;
    }

    @Override
    public DecodeResult decode(float[] samples, DecodeRequest request) throws EngineException {
        int call = calls.incrementAndGet();
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            samplesPerCall.add(samples.length);
            prompts.add(request.prompt());
            if (failOnCall.test(call)) {
                throw new EngineException("scripted failure on call " + call);
            }
            return transcribe(samples, call);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private DecodeResult transcribe(float[] samples, int call) {
        List<String> words = new ArrayList<>();
        int previous = -1;
        int firstBlock = -1;
        int lastBlock = -1;
        for (int b = 0; (b + 1) * BLOCK <= samples.length; b++) {
            int tone = toneOf(samples, b * BLOCK);
            if (tone >= 0 && tone != previous) {
                words.add(WORDS.get(tone));
                firstBlock = firstBlock < 0 ? b : firstBlock;
            }
            if (tone >= 0) {
                lastBlock = b;
            }
            previous = tone;
        }
        if (words.isEmpty()) {
            return new DecodeResult(List.of(), 1.0);
        }
        if (decorate) {
            if (call % 2 == 1) {
                words.set(
                        0,
                        Character.toUpperCase(words.get(0).charAt(0))
                                + words.get(0).substring(1));
            }
            words.set(words.size() - 1, words.get(words.size() - 1) + ".");
        }
        String text = String.join(" ", words);
        double start = firstBlock * BLOCK / 16_000.0;
        double end = (lastBlock + 1) * BLOCK / 16_000.0;
        DecodedSegment segment = scored
                ? new DecodedSegment(text, start, end, true, avgLogprob, noSpeechProb)
                : DecodedSegment.unscored(text, start, end);
        return new DecodeResult(List.of(segment), samples.length / 16.0 / 100.0);
    }

    /** Index of the block's tone, or -1 for silence / no clear tone. */
    private int toneOf(float[] samples, int offset) {
        double energy = 0;
        for (int i = 0; i < BLOCK; i++) {
            energy += samples[offset + i] * samples[offset + i];
        }
        if (energy / BLOCK < SILENT_MEAN_SQUARE) {
            return -1;
        }
        int best = -1;
        double bestPower = 0;
        for (int t = 0; t < coefficients.length; t++) {
            double c = coefficients[t];
            double s1 = 0;
            double s2 = 0;
            for (int i = 0; i < BLOCK; i++) {
                double s0 = samples[offset + i] + c * s1 - s2;
                s2 = s1;
                s1 = s0;
            }
            double power = s1 * s1 + s2 * s2 - c * s1 * s2;
            if (power > bestPower) {
                bestPower = power;
                best = t;
            }
        }
        // A pure tone filling the block has power = energy * BLOCK / 2.
        return bestPower >= MIN_TONE_SHARE * energy * BLOCK / 2 ? best : -1;
    }

    @Override
    public EngineInfo info() {
        return new EngineInfo("tone-words", "scripted", "CPU", "test", "none", 1, false);
    }

    @Override
    public void close() {}
}
