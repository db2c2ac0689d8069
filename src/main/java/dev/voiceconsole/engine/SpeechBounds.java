package dev.voiceconsole.engine;

import java.util.Arrays;

/**
 * Where the sound inside a decoded segment's span begins and ends. whisper.cpp starts every segment where the previous
 * one ended (it skips the start timestamp a model predicts after a pause), so without this a subtitle cue after a
 * pause lights up during the silence before the words; its token timestamps move the start only part of the way.
 *
 * <p>The span's 10-ms frames are compared with its loudest one: frames within {@value #BELOW_PEAK_DB} dB of the peak
 * (and well above the span's own quietest tenth, so steady noise does not count) are sound; sound joined across gaps
 * under 0.3 s and lasting at least 0.1 s is speech, and the first and last such stretch bound it, with a margin of
 * {@value #MARGIN_S} s for soft onsets. A span with no such stretch keeps its times.
 */
final class SpeechBounds {
    static final double BELOW_PEAK_DB = 30;
    /** Sound this long (in 10-ms frames) counts as speech; shorter islands are a neighbour's tail or a click. */
    static final int ISLAND_FRAMES = 10;
    /** Quiet shorter than this (frames) lies between words of one stretch of speech. */
    static final int GAP_FRAMES = 30;

    static final double MARGIN_S = 0.05;
    private static final double FRAME_S = 0.01;
    /** A frame counts only this far above the span's quiet floor (its 10th-percentile frame). */
    private static final double ABOVE_FLOOR = 3;

    /** The bounds, seconds from the start of the decoded buffer. */
    record Bounds(double startS, double endS) {}

    private SpeechBounds() {}

    static Bounds within(float[] samples, int sampleRate, double startS, double endS) {
        int frame = (int) Math.round(FRAME_S * sampleRate);
        int first = (int) Math.floor(startS * sampleRate / frame);
        int last = Math.min((int) Math.ceil(endS * sampleRate / frame), samples.length / frame);
        int n = last - first;
        if (n < ISLAND_FRAMES) {
            return new Bounds(startS, endS);
        }
        double[] rms = new double[n];
        for (int f = 0; f < n; f++) {
            double sum = 0;
            int from = (first + f) * frame;
            for (int i = from; i < from + frame; i++) {
                sum += (double) samples[i] * samples[i];
            }
            rms[f] = Math.sqrt(sum / frame);
        }
        double[] sorted = rms.clone();
        Arrays.sort(sorted);
        double peak = sorted[n - 1];
        double floor = sorted[n / 10];
        double threshold = Math.max(peak * Math.pow(10, -BELOW_PEAK_DB / 20), floor * ABOVE_FLOOR);
        if (peak <= 0 || peak < threshold) {
            return new Bounds(startS, endS);
        }
        // islands of sound, joined across gaps shorter than a pause between words; a short island on its own (the
        // last 30 ms of the previous sentence, a click) is not where this segment's speech is
        int onset = -1;
        int offset = -1;
        int islandStart = -1;
        int islandEnd = -1;
        for (int f = 0; f <= n; f++) {
            boolean loud = f < n && rms[f] >= threshold;
            if (loud && islandStart >= 0 && f - islandEnd > GAP_FRAMES) {
                if (islandEnd - islandStart + 1 >= ISLAND_FRAMES) {
                    onset = onset < 0 ? islandStart : onset;
                    offset = islandEnd;
                }
                islandStart = -1;
            }
            if (loud) {
                islandStart = islandStart < 0 ? f : islandStart;
                islandEnd = f;
            }
        }
        if (islandStart >= 0 && islandEnd - islandStart + 1 >= ISLAND_FRAMES) {
            onset = onset < 0 ? islandStart : onset;
            offset = islandEnd;
        }
        double speechStart = (first + onset) * FRAME_S - MARGIN_S;
        double speechEnd = (first + offset + 1) * FRAME_S + MARGIN_S;
        double start = Math.max(startS, speechStart);
        double end = Math.min(endS, speechEnd);
        return end > start ? new Bounds(start, end) : new Bounds(startS, endS);
    }
}
