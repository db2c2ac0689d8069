package dev.voiceconsole.client;

import dev.voiceconsole.proto.v1.FinalSegment;
import dev.voiceconsole.proto.v1.PartialTranscript;
import dev.voiceconsole.proto.v1.StreamEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exactly-once bookkeeping of one dictation across workers, without any transport: the caller's chunk numbers,
 * the audio not yet committed as final text (kept for replay), the finals delivered, the utterance ids used. Each
 * worker's events pass through {@link #toCaller} on their way to the caller: a final inside audio already committed
 * is dropped (it would duplicate text), every other event is translated to the dictation's numbering.
 * Not thread-safe; its owner guards it.
 */
final class DictationLedger {

    private static final Logger log = LoggerFactory.getLogger(DictationLedger.class);

    /** One chunk as kept: its dictation sequence and position, and what the buffer had to drop to keep it. */
    record Appended(
            long sequence, long startFrame, long frames, Optional<ReplayOverflow> overflow, boolean firstOverflow) {}

    private final int sampleRateHz;
    private final ReplayBuffer buffer;
    private final List<FinalSegment> finals = new ArrayList<>();
    private long nextSequence = 1;
    private long committedFrame;
    private long maxUtterance;
    private long openPartialUtterance;
    private boolean speechOpen;
    private boolean speechSinceCommit;
    private boolean overflowLogged;

    DictationLedger(int sampleRateHz, int channels, long maxReplayBytes) {
        this.sampleRateHz = sampleRateHz;
        this.buffer = new ReplayBuffer(sampleRateHz, channels, maxReplayBytes);
    }

    /** Numbers the caller's next chunk and keeps it for replay (the oldest uncommitted audio may drop out). */
    Appended append(byte[] pcm, long captureTimeUs) {
        long sequence = nextSequence++;
        long startFrame = buffer.endFrame();
        Optional<ReplayOverflow> overflow = buffer.append(sequence, pcm, captureTimeUs)
                .map(d -> new ReplayOverflow(
                        buffer.seconds(d.fromFrame()), buffer.seconds(d.toFrame()), speechSinceCommit));
        boolean first = overflow.isPresent() && !overflowLogged; // said once per stretch without final text
        overflowLogged |= overflow.isPresent();
        return new Appended(sequence, startFrame, pcm.length / buffer.frameBytes(), overflow, first);
    }

    /**
     * A worker session starts carrying the dictation: its positions map to the dictation's, its utterance ids
     * continue after the ones used, and its detector starts without speech.
     */
    ReplayMapping newWorker() {
        speechOpen = false;
        return new ReplayMapping(sampleRateHz, maxUtterance);
    }

    /**
     * The empty partial that withdraws the live text of an utterance the lost worker never finished (the new worker
     * decodes that speech afresh, under a new id), if one is showing.
     */
    Optional<StreamEvent> withdrawOpenPartial(String lostSessionId, String lostWorkerId) {
        if (openPartialUtterance == 0) {
            return Optional.empty();
        }
        StreamEvent withdrawal = StreamEvent.newBuilder()
                .setSessionId(lostSessionId)
                .setWorkerId(lostWorkerId)
                .setPartial(PartialTranscript.newBuilder().setUtteranceId((int) openPartialUtterance))
                .build();
        openPartialUtterance = 0;
        return Optional.of(withdrawal);
    }

    /** A worker's event as the caller sees it; empty for a final whose audio was committed before. */
    Optional<StreamEvent> toCaller(StreamEvent event, ReplayMapping mapping, String workerId) {
        switch (event.getKindCase()) {
            case FINAL -> {
                long end = mapping.callerFrame(event.getFinal().getEndS());
                if (!finals.isEmpty() && end <= committedFrame) {
                    log.error(
                            "worker {} sent a final ending at {} s, inside already committed audio; dropped",
                            workerId,
                            buffer.seconds(end));
                    return Optional.empty();
                }
                StreamEvent out = mapping.toCaller(event, finals.size() + 1);
                FinalSegment segment = out.getFinal();
                finals.add(segment);
                buffer.commitThrough(end);
                committedFrame = end;
                overflowLogged = false;
                speechSinceCommit = speechOpen;
                maxUtterance = Math.max(maxUtterance, segment.getUtteranceId());
                if (openPartialUtterance == segment.getUtteranceId()) {
                    openPartialUtterance = 0;
                }
                return Optional.of(out);
            }
            case PARTIAL -> {
                StreamEvent out = mapping.toCaller(event, 0);
                PartialTranscript partial = out.getPartial();
                maxUtterance = Math.max(maxUtterance, partial.getUtteranceId());
                if (!partial.getStableText().isEmpty()
                        || !partial.getUnstableText().isEmpty()) {
                    openPartialUtterance = partial.getUtteranceId();
                } else if (openPartialUtterance == partial.getUtteranceId()) {
                    openPartialUtterance = 0;
                }
                return Optional.of(out);
            }
            case SPEECH_STARTED -> {
                speechOpen = true;
                speechSinceCommit = true;
                return Optional.of(mapping.toCaller(event, 0));
            }
            case SPEECH_ENDED -> {
                speechOpen = false;
                return Optional.of(mapping.toCaller(event, 0));
            }
            default -> {
                return Optional.of(mapping.toCaller(event, 0));
            }
        }
    }

    /** The uncommitted chunk after {@code sequence} (0: the first), for a replay. */
    Optional<ReplayBuffer.Entry> uncommittedAfter(long sequence) {
        return buffer.firstAfter(sequence);
    }

    long frames(ReplayBuffer.Entry entry) {
        return entry.frames(buffer.frameBytes());
    }

    /** Dictation time of a frame position, in seconds. */
    double seconds(long frames) {
        return buffer.seconds(frames);
    }

    /** Where the uncommitted audio begins. */
    long uncommittedStartFrame() {
        return buffer.startFrame();
    }

    List<FinalSegment> finals() {
        return List.copyOf(finals);
    }

    /** The sequence number of the caller's last chunk (0 before any). */
    long lastSequence() {
        return nextSequence - 1;
    }

    /** Bytes of uncommitted audio held for replay. */
    long replayBytes() {
        return buffer.bytes();
    }
}
