package dev.voiceconsole.client;

import dev.voiceconsole.proto.v1.StreamEvent;
import java.util.Map;
import java.util.TreeMap;

/**
 * Translates one worker session's view of a dictation back into the caller's. A replacement worker numbers its
 * chunks from 1 and starts its stream time at 0 on the first replayed sample; the caller must see the sequence
 * numbers it was given and the stream times of the whole dictation. Kept as runs (worker position → caller
 * position where a run begins), so even audio dropped from the replay buffer mid-replay leaves the mapping exact.
 * Not thread-safe; its owner guards it.
 */
final class ReplayMapping {

    private final int sampleRateHz;
    private final long utteranceOffset;
    private final TreeMap<Long, Long> sequenceRuns = new TreeMap<>();
    private final TreeMap<Long, Long> frameRuns = new TreeMap<>();
    private long workerSequences;
    private long workerFrames;
    private long nextCallerSequence = -1;
    private long nextCallerFrame = -1;

    /** @param utteranceOffset added to the worker's utterance ids, so ids stay unique across workers */
    ReplayMapping(int sampleRateHz, long utteranceOffset) {
        this.sampleRateHz = sampleRateHz;
        this.utteranceOffset = utteranceOffset;
    }

    /**
     * Records that the next chunk on this worker's stream is the caller's chunk {@code callerSequence}, which begins
     * at caller frame {@code callerStartFrame}.
     *
     * @return the sequence number the worker will give it
     */
    long sent(long callerSequence, long callerStartFrame, long frames) {
        long workerSequence = ++workerSequences;
        if (callerSequence != nextCallerSequence) {
            sequenceRuns.put(workerSequence, callerSequence);
        }
        if (callerStartFrame != nextCallerFrame) {
            frameRuns.put(workerFrames, callerStartFrame);
        }
        workerFrames += frames;
        nextCallerSequence = callerSequence + 1;
        nextCallerFrame = callerStartFrame + frames;
        return workerSequence;
    }

    long callerSequence(long workerSequence) {
        Map.Entry<Long, Long> run = sequenceRuns.floorEntry(workerSequence);
        if (workerSequence == 0 || run == null) {
            return workerSequence; // 0 = "no chunk"; nothing sent yet = nothing to translate
        }
        return run.getValue() + (workerSequence - run.getKey());
    }

    /** The caller frame of a worker stream time (rounded to the nearest frame). */
    long callerFrame(double workerSeconds) {
        long workerFrame = Math.round(workerSeconds * sampleRateHz);
        Map.Entry<Long, Long> run = frameRuns.floorEntry(workerFrame);
        if (run == null) {
            run = frameRuns.firstEntry();
        }
        return run == null ? workerFrame : run.getValue() + (workerFrame - run.getKey());
    }

    double callerSeconds(double workerSeconds) {
        return callerFrame(workerSeconds) / (double) sampleRateHz;
    }

    long callerUtterance(long workerUtterance) {
        return workerUtterance + utteranceOffset;
    }

    /** The event as the caller sees it; a final gets {@code callerSegmentId}. */
    StreamEvent toCaller(StreamEvent e, int callerSegmentId) {
        StreamEvent.Builder b = e.toBuilder().setSequence(callerSequence(e.getSequence()));
        switch (e.getKindCase()) {
            case SPEECH_STARTED ->
                b.getSpeechStartedBuilder()
                        .setStreamTimeS(callerSeconds(e.getSpeechStarted().getStreamTimeS()));
            case SPEECH_ENDED ->
                b.getSpeechEndedBuilder()
                        .setStreamTimeS(callerSeconds(e.getSpeechEnded().getStreamTimeS()));
            case DECODE ->
                b.getDecodeBuilder()
                        .setAudioStartS(callerSeconds(e.getDecode().getAudioStartS()))
                        .setAudioEndS(callerSeconds(e.getDecode().getAudioEndS()));
            case PARTIAL ->
                b.getPartialBuilder()
                        .setUtteranceId((int) callerUtterance(e.getPartial().getUtteranceId()));
            case FINAL ->
                b.getFinalBuilder()
                        .setSegmentId(callerSegmentId)
                        .setUtteranceId((int) callerUtterance(e.getFinal().getUtteranceId()))
                        .setStartS(callerSeconds(e.getFinal().getStartS()))
                        .setEndS(callerSeconds(e.getFinal().getEndS()));
            case GAP ->
                b.getGapBuilder()
                        .setExpectedSequence(callerSequence(e.getGap().getExpectedSequence()))
                        .setReceivedSequence(callerSequence(e.getGap().getReceivedSequence()));
            case ERROR ->
                b.getErrorBuilder().setChunkSequence(callerSequence(e.getError().getChunkSequence()));
            default -> {
                // Acks carry only the sequence, translated above.
            }
        }
        return b.build();
    }
}
