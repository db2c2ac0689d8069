package dev.voiceconsole.ui;

import dev.voiceconsole.proto.v1.ChunkAck;
import dev.voiceconsole.proto.v1.StreamEvent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Turns the events of a dictation into latency samples, on the threads that see them (the sender and gRPC
 * threads), so measuring never waits for the UI. The UI drains new samples a few times a second.
 *
 * <p>Client-side arrival deltas: speech start → first partial and speech end → final are measured between the
 * arrivals of the events, so they are what the user experiences, including transport.
 */
public final class LatencyRecorder {

    /** Raw samples kept for CSV export; the oldest are dropped beyond this so a long session stays bounded. */
    static final int MAX_KEPT = 200_000;

    private final LongSupplier nanoClock;
    private final long originNanos;
    private final Map<Long, Long> sentNanos = new HashMap<>();
    private final List<LatencySample> fresh = new ArrayList<>();
    private final ArrayDeque<LatencySample> all = new ArrayDeque<>();
    private long speechStartedNanos;
    private long speechEndedNanos;

    public LatencyRecorder() {
        this(System::nanoTime);
    }

    LatencyRecorder(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.originNanos = nanoClock.getAsLong();
    }

    /** Call just before handing chunk {@code sequence} to the stream (its ack may arrive before send returns). */
    public synchronized void chunkSending(long sequence) {
        sentNanos.put(sequence, nanoClock.getAsLong());
    }

    /** A new session numbers its chunks from 1 again, and its speech state starts fresh. */
    public synchronized void sessionStarted() {
        sentNanos.clear();
        speechStartedNanos = 0;
        speechEndedNanos = 0;
    }

    public synchronized void eventArrived(StreamEvent event) {
        long now = nanoClock.getAsLong();
        switch (event.getKindCase()) {
            case ACK -> {
                Long sent = sentNanos.remove(event.getSequence());
                if (sent != null && event.getAck().getResult() != ChunkAck.Result.REJECTED) {
                    add(LatencyMetric.CHUNK_ROUND_TRIP, now, (now - sent) / 1e6);
                } else if (sent != null) {
                    sentNanos.put(event.getSequence(), sent); // resent later; its round trip ends at acceptance
                }
            }
            case DECODE -> {
                add(LatencyMetric.QUEUE_WAIT, now, event.getTimings().getQueueWaitMs());
                add(LatencyMetric.INFERENCE, now, event.getTimings().getInferenceMs());
            }
            case SPEECH_STARTED -> speechStartedNanos = now;
            case SPEECH_ENDED -> speechEndedNanos = now;
            case PARTIAL -> {
                if (speechStartedNanos != 0) {
                    add(LatencyMetric.SPEECH_START_TO_FIRST_PARTIAL, now, (now - speechStartedNanos) / 1e6);
                    speechStartedNanos = 0;
                }
            }
            case FINAL -> {
                speechStartedNanos = 0; // an utterance too short for a partial has no first-partial latency
                if (speechEndedNanos != 0) {
                    add(LatencyMetric.SPEECH_END_TO_FINAL, now, (now - speechEndedNanos) / 1e6);
                    speechEndedNanos = 0;
                }
            }
            default -> {
            }
        }
    }

    private void add(LatencyMetric metric, long nowNanos, double valueMs) {
        LatencySample sample = new LatencySample(metric, (nowNanos - originNanos) / 1e9, valueMs);
        fresh.add(sample);
        all.addLast(sample);
        if (all.size() > MAX_KEPT) {
            all.removeFirst();
        }
    }

    /** Samples recorded since the last call. */
    public synchronized List<LatencySample> drain() {
        List<LatencySample> out = List.copyOf(fresh);
        fresh.clear();
        return out;
    }

    /** Every kept sample, oldest first, for export. */
    public synchronized List<LatencySample> all() {
        return List.copyOf(all);
    }

    public synchronized void clear() {
        fresh.clear();
        all.clear();
    }
}
