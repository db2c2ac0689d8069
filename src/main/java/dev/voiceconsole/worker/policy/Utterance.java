package dev.voiceconsole.worker.policy;

/**
 * A stretch of speech, by absolute sample positions {@code [startSample, endSample)}. An utterance whose end is
 * not before its start holds no speech (the detector ended speech before it began, e.g. right after a cap split).
 */
record Utterance(int id, long startSample, long endSample) {

    boolean isEmpty() {
        return endSample <= startSample;
    }

    long lengthSamples() {
        return Math.max(0, endSample - startSample);
    }
}
