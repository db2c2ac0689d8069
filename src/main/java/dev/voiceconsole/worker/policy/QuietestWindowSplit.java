package dev.voiceconsole.worker.policy;

/**
 * Cuts a long utterance in the middle of its quietest window shortly before the cap, so the cut falls into a
 * pause between words rather than through one.
 */
final class QuietestWindowSplit implements SplitPointChooser {

    private final int windowSamples;
    private final int searchSamples;
    private final int hopSamples;

    /**
     * @param windowSamples length of the window whose energy is compared (e.g. 200 ms)
     * @param searchSamples how far before the cap to search (e.g. 5 s)
     * @param hopSamples    distance between compared windows (e.g. 10 ms)
     */
    QuietestWindowSplit(int windowSamples, int searchSamples, int hopSamples) {
        this.windowSamples = windowSamples;
        this.searchSamples = searchSamples;
        this.hopSamples = hopSamples;
    }

    @Override
    public long choose(AudioHistory audio, long start, long capPosition) {
        long searchFrom = Math.max(start + 1, capPosition - searchSamples);
        long best = capPosition;
        double bestEnergy = Double.MAX_VALUE;
        for (long windowStart = searchFrom; windowStart + windowSamples <= capPosition; windowStart += hopSamples) {
            double energy = audio.meanSquare(windowStart, windowStart + windowSamples);
            // Strictly lower: among equally quiet windows the earliest wins, deterministic.
            if (energy < bestEnergy) {
                bestEnergy = energy;
                best = windowStart + windowSamples / 2;
            }
        }
        return best;
    }
}
