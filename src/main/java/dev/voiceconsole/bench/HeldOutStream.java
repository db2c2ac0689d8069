package dev.voiceconsole.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Held-out sentences as one continuous recording, as a dictating user would speak them: {@value #LEAD_S} s of
 * silence, then each sentence followed by a pause of 1.0, 1.5 or 2.0 s in turn. The offline policy packs segments
 * apart by at most 1.5 s into one decode, so some sentences share a batch window and some do not; every pause is
 * longer than the VAD's hang-over, so live dictation should hear one utterance per sentence.
 *
 * @param samples 16-kHz mono
 * @param spans   where each sentence's speech is, in order
 */
@SuppressWarnings("ArrayRecordComponent") // minutes of samples stay a float[]: a List<Float> takes ~5x the memory
public record HeldOutStream(float[] samples, List<Span> spans) {

    public static final int RATE = 16_000;
    public static final double LEAD_S = 0.5;

    /** One sentence's speech in the stream, in samples. */
    public record Span(HeldOutSentence sentence, int startSample, int endSample) {
        public double startS() {
            return startSample / (double) RATE;
        }

        public double endS() {
            return endSample / (double) RATE;
        }
    }

    public HeldOutStream {
        spans = List.copyOf(spans);
    }

    /** Speaks each sentence ({@link SpokenSentences#speech}) and joins them. */
    public static HeldOutStream speak(List<HeldOutSentence> sentences, SpokenSentences voice)
            throws IOException, InterruptedException {
        List<float[]> speech = new ArrayList<>();
        for (HeldOutSentence s : sentences) {
            speech.add(voice.speech(s));
        }
        return join(sentences, speech);
    }

    /**
     * Joins the sentences' recordings into one stream: {@value #LEAD_S} s of silence, then each sentence followed by
     * its pause ({@link #pauseSamples}).
     *
     * @param speech each sentence's trimmed 16-kHz speech, in the order of {@code sentences}
     */
    public static HeldOutStream join(List<HeldOutSentence> sentences, List<float[]> speech) {
        if (sentences.size() != speech.size()) {
            throw new IllegalArgumentException(sentences.size() + " sentences, " + speech.size() + " recordings");
        }
        int at = (int) (LEAD_S * RATE);
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            spans.add(new Span(sentences.get(i), at, at + speech.get(i).length));
            at += speech.get(i).length + pauseSamples(i);
        }
        float[] all = new float[at];
        for (int i = 0; i < spans.size(); i++) {
            System.arraycopy(speech.get(i), 0, all, spans.get(i).startSample(), speech.get(i).length);
        }
        return new HeldOutStream(all, spans);
    }

    /** The pause after sentence {@code i}: 1.0, 1.5, 2.0 s, repeating. */
    static int pauseSamples(int i) {
        return RATE + (i % 3) * RATE / 2;
    }

    public double seconds() {
        return samples.length / (double) RATE;
    }

    /** Sentence {@code i}'s speech alone. */
    public float[] speech(int i) {
        Span s = spans.get(i);
        return Arrays.copyOfRange(samples, s.startSample(), s.endSample());
    }

    /** Sentence {@code i} alone, padded as the raw reference hears it. */
    public SpokenUtterance alone(int i) {
        return SpokenUtterance.of(spans.get(i).sentence(), speech(i));
    }

    /** Each sentence's reference words ({@link WordAlignment#words}). */
    public List<List<String>> referenceWords() {
        return spans.stream().map(s -> WordAlignment.words(s.sentence().text())).toList();
    }

    /**
     * The sentence a segment heard between {@code startS} and {@code endS} (stream time) belongs to: the one its
     * time overlaps most, or, overlapping none, the one nearest to its middle.
     */
    public int sentenceAt(double startS, double endS) {
        int best = 0;
        double bestOverlap = 0;
        double bestDistance = Double.MAX_VALUE;
        double middle = (startS + endS) / 2;
        for (int i = 0; i < spans.size(); i++) {
            Span s = spans.get(i);
            double overlap = Math.min(endS, s.endS()) - Math.max(startS, s.startS());
            double distance = Math.abs(middle - (s.startS() + s.endS()) / 2);
            if (overlap > bestOverlap || (bestOverlap <= 0 && overlap <= 0 && distance < bestDistance)) {
                best = i;
                bestOverlap = Math.max(overlap, 0);
                bestDistance = distance;
            }
        }
        return best;
    }
}
