package dev.voiceconsole.capture;

import java.util.List;

/** Frequency and level of a captured stretch of a sine, measured independently of the code under test. */
record ToneAnalysis(double frequencyHz, double rmsDbfs, double peakDbfs, int samples) {

    static ToneAnalysis of(List<AudioBlock> blocks) {
        int rate = blocks.get(0).sampleRate();
        int total = blocks.stream().mapToInt(AudioBlock::frames).sum();
        double[] x = new double[total];
        int n = 0;
        for (AudioBlock block : blocks) {
            byte[] pcm = block.pcm16le();
            for (int p = 0; p < pcm.length; p += 2) {
                x[n++] = (short) ((pcm[p] & 0xFF) | (pcm[p + 1] << 8)) / 32768.0;
            }
        }
        double sumSquares = 0;
        double peak = 0;
        for (double v : x) {
            sumSquares += v * v;
            peak = Math.max(peak, Math.abs(v));
        }
        // Rising zero crossings, interpolated between samples: whole periods between the first and the last.
        double first = Double.NaN;
        double last = Double.NaN;
        int crossings = 0;
        for (int i = 1; i < total; i++) {
            if (x[i - 1] < 0 && x[i] >= 0) {
                double t = i - 1 + -x[i - 1] / (x[i] - x[i - 1]);
                if (crossings == 0) {
                    first = t;
                }
                last = t;
                crossings++;
            }
        }
        double frequency = crossings < 2 ? 0 : (crossings - 1) / ((last - first) / rate);
        return new ToneAnalysis(
                frequency, 20 * Math.log10(Math.sqrt(sumSquares / total)), 20 * Math.log10(peak), total);
    }
}
