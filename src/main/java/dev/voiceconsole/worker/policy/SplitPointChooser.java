package dev.voiceconsole.worker.policy;

/** Where to cut an utterance that reached its length cap. */
@FunctionalInterface
interface SplitPointChooser {

    /**
     * The position to cut the utterance that began at {@code start}.
     *
     * @param capPosition start + cap; the result must lie in {@code (start, capPosition]}
     */
    long choose(AudioHistory audio, long start, long capPosition);

    /** Cut exactly at the cap. */
    static SplitPointChooser atCap() {
        return (audio, start, capPosition) -> capPosition;
    }
}
