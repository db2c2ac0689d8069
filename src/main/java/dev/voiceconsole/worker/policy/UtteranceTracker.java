package dev.voiceconsole.worker.policy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns detector transitions into utterances: one open utterance while the speaker talks, a queue of closed ones
 * waiting for their final decode. Utterances never overlap, never exceed the cap, and only audio inside them is
 * ever handed out, so nothing outside detected speech reaches the engine.
 */
final class UtteranceTracker {

    static final int SAMPLE_RATE = 16_000;
    private static final Logger log = LoggerFactory.getLogger(UtteranceTracker.class);

    private final SpeechDetector detector;
    private final AudioHistory audio = new AudioHistory();
    private final long capSamples;
    private final SplitPointChooser splitter;
    /** Audio kept while idle: a START may point back by pre-roll plus the detector's confirmation delay. */
    private final long lookbackSamples;

    private final Deque<Utterance> closed = new ArrayDeque<>();

    private int nextId = 1;
    private boolean open;
    private int openId;
    private long openStart;
    /** End of the last utterance; a new one never starts before it, so no audio is decoded twice. */
    private long lastEnd;

    UtteranceTracker(SpeechDetector detector, VadSettings vad, long capSamples, SplitPointChooser splitter) {
        this.detector = detector;
        this.capSamples = capSamples;
        this.splitter = splitter;
        this.lookbackSamples = msToSamples(vad.preRollMs() + vad.minSpeechMs() + 1000);
    }

    static long msToSamples(long ms) {
        return ms * SAMPLE_RATE / 1000;
    }

    static double seconds(long samplePosition) {
        return samplePosition / (double) SAMPLE_RATE;
    }

    /** Appends audio and applies the detector's transitions; returns SpeechStarted / SpeechEnded events. */
    List<PolicyEvent> feed(float[] samples) {
        audio.append(samples);
        List<PolicyEvent> events = new ArrayList<>();
        for (VadTransition t : detector.process(samples)) {
            long position = Math.max(0, Math.min(t.samplePosition(), audio.endPosition()));
            if (t.kind() == VadTransition.Kind.START) {
                if (open) {
                    log.debug("detector reported START at {} inside an open utterance; ignored", position);
                    continue;
                }
                openAt(Math.max(Math.max(position, lastEnd), audio.firstPosition()));
                events.add(new PolicyEvent.SpeechStarted(seconds(position)));
            } else {
                if (!open) {
                    log.debug("detector reported END at {} with no open utterance; ignored", position);
                    continue;
                }
                closeOpen(position);
                events.add(new PolicyEvent.SpeechEnded(seconds(position)));
            }
        }
        splitOpenAtCap();
        audio.discardBefore(retainFrom());
        return events;
    }

    /** End of audio: closes the open utterance, then finalizes every closed one through {@code decodeNext}. */
    List<PolicyEvent> finishStream(Supplier<List<PolicyEvent>> decodeNext) {
        List<PolicyEvent> events = new ArrayList<>(closeAtEndOfStream());
        while (nextClosed() != null) {
            events.addAll(decodeNext.get());
        }
        return events;
    }

    /** End of audio: closes the open utterance at the current position, as if speech ended there. */
    List<PolicyEvent> closeAtEndOfStream() {
        if (!open) {
            return List.of();
        }
        long end = audio.endPosition();
        closeOpen(end);
        return List.of(new PolicyEvent.SpeechEnded(seconds(end)));
    }

    /** The oldest closed utterance waiting for its final decode, or null. Its audio stays until it is completed. */
    Utterance nextClosed() {
        return closed.peekFirst();
    }

    void completeClosed() {
        closed.pollFirst();
    }

    /** Every closed utterance waiting for its final decode, oldest first. */
    List<Utterance> closedUtterances() {
        return List.copyOf(closed);
    }

    /**
     * How far back from the current position a START not yet reported may still place its utterance (pre-roll plus
     * the detector's confirmation delay, with a margin): audio before that can no longer gain a new utterance.
     */
    long startLookbackSamples() {
        return lookbackSamples;
    }

    boolean hasOpen() {
        return open;
    }

    int openId() {
        return openId;
    }

    long openStart() {
        return openStart;
    }

    long position() {
        return audio.endPosition();
    }

    /** Samples still needed (what the next feed keeps); audio already decoded is let go at that feed. */
    long heldSamples() {
        return audio.endPosition() - Math.max(audio.firstPosition(), retainFrom());
    }

    long heldBytes() {
        return audio.capacityBytes();
    }

    float[] audio(long from, long to) {
        return audio.copy(from, to);
    }

    private void openAt(long start) {
        open = true;
        openId = nextId++;
        openStart = start;
    }

    private void closeOpen(long end) {
        while (end - openStart > capSamples) {
            splitOnce();
        }
        closed.addLast(new Utterance(openId, openStart, end));
        lastEnd = Math.max(lastEnd, end);
        open = false;
    }

    private void splitOpenAtCap() {
        while (open && audio.endPosition() - openStart >= capSamples) {
            splitOnce();
        }
    }

    /** Closes the open utterance at a split point within the cap and continues the speech in a new one. */
    private void splitOnce() {
        long capPosition = openStart + capSamples;
        long split = Math.max(openStart + 1, Math.min(capPosition, splitter.choose(audio, openStart, capPosition)));
        closed.addLast(new Utterance(openId, openStart, split));
        lastEnd = split;
        openAt(split);
    }

    private long retainFrom() {
        long keep = audio.endPosition() - lookbackSamples;
        if (open) {
            keep = Math.min(keep, openStart);
        }
        Utterance oldest = closed.peekFirst();
        if (oldest != null) {
            keep = Math.min(keep, oldest.startSample());
        }
        return keep;
    }
}
