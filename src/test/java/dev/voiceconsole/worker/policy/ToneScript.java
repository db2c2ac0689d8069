package dev.voiceconsole.worker.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Builds a test stream of tone-words, gaps, pauses and noise, remembering where every word is. */
public final class ToneScript {

    static final float AMPLITUDE = 0.3f;

    record WordSpan(String word, long start, long end) {}

    private float[] samples = new float[16_000 * 10];
    private int length;
    private final List<WordSpan> spans = new ArrayList<>();
    private final List<List<String>> sentences = new ArrayList<>();
    private List<String> sentence = new ArrayList<>();

    ToneScript word(String word, int ms) {
        int n = ms * 16;
        double step = 2 * Math.PI * ToneWordEngine.FREQUENCIES.get(word) / 16_000.0;
        ensure(n);
        for (int i = 0; i < n; i++) {
            samples[length + i] = (float) (AMPLITUDE * Math.sin(step * i));
        }
        spans.add(new WordSpan(word, length, length + n));
        sentence.add(word);
        length += n;
        return this;
    }

    /** Silence inside a sentence (shorter than the detector's hang-over). */
    ToneScript gap(int ms) {
        int n = ms * 16;
        ensure(n);
        length += n;
        return this;
    }

    /** Silence that ends the current sentence. */
    public ToneScript pause(int ms) {
        if (!sentence.isEmpty()) {
            sentences.add(sentence);
            sentence = new ArrayList<>();
        }
        return gap(ms);
    }

    ToneScript noise(int ms, float amplitude, long seed) {
        int n = ms * 16;
        ensure(n);
        Random random = new Random(seed);
        for (int i = 0; i < n; i++) {
            samples[length + i] = (random.nextFloat() * 2 - 1) * amplitude;
        }
        length += n;
        return this;
    }

    /** Words with {@code gapMs} between them, then a pause that ends the sentence. */
    public ToneScript sentence(int wordMs, int gapMs, int pauseMs, String... words) {
        for (int i = 0; i < words.length; i++) {
            if (i > 0) {
                gap(gapMs);
            }
            word(words[i], wordMs);
        }
        return pause(pauseMs);
    }

    public float[] samples() {
        return Arrays.copyOf(samples, length);
    }

    public List<List<String>> sentences() {
        List<List<String>> all = new ArrayList<>(sentences);
        if (!sentence.isEmpty()) {
            all.add(sentence);
        }
        return all;
    }

    List<String> allWords() {
        return spans.stream().map(WordSpan::word).toList();
    }

    List<WordSpan> spans() {
        return List.copyOf(spans);
    }

    long lengthSamples() {
        return length;
    }

    private void ensure(int extra) {
        if (length + extra > samples.length) {
            samples = Arrays.copyOf(samples, Math.max(samples.length * 2, length + extra));
        }
    }
}
