package dev.voiceconsole.engine;

/** Probabilities from logits, computed stably (the largest logit subtracted first) in double precision. */
final class Softmax {

    private final float[] logits;
    private final float max;
    private final double sum;

    private Softmax(float[] logits, float max, double sum) {
        this.logits = logits;
        this.max = max;
        this.sum = sum;
    }

    static Softmax of(float[] logits) {
        float max = Float.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        for (float l : logits) {
            sum += Math.exp(l - max);
        }
        return new Softmax(logits.clone(), max, sum);
    }

    int size() {
        return logits.length;
    }

    double probability(int index) {
        return Math.exp(logits[index] - max) / sum;
    }
}
