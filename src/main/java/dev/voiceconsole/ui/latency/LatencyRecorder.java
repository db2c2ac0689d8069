package dev.voiceconsole.ui.latency;

import dev.voiceconsole.proto.v1.ChunkAck;
import dev.voiceconsole.proto.v1.StreamEvent;
import dev.voiceconsole.ui.common.LatencyProbe;
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
 * <p>Speech start → first partial is measured between the arrivals of the two events. Speech end → final is
 * measured from the moment the speaker stopped — the capture time of the stream's first chunk plus the stream time
 * the VAD reports for the end — so it includes the VAD's hang-over, which an arrival delta would hide; it falls back
 * to the arrival delta when capture times are missing.
 */
public final class LatencyRecorder implements LatencyProbe {

    /** Raw samples kept for CSV export; the oldest are dropped beyond this so a long session stays bounded. */
    static final int MAX_KEPT = 200_000;

    private final LongSupplier nanoClock;
    private final long originNanos;
    /** Wall clock (epoch micros) at {@link #originNanos}: capture times are wall-clock stamps. */
    private final long originEpochUs;

    private final Map<Long, Long> sentNanos = new HashMap<>();
    private final List<LatencySample> fresh = new ArrayList<>();
    private final ArrayDeque<LatencySample> all = new ArrayDeque<>();
    private long speechStartedNanos;
    private long speechEndedNanos;
    /** Capture time of the session's first chunk (stream time 0); 0 when unknown. */
    private long streamOriginUs;
    /** Epoch micros at which the speaker stopped, per the VAD's stream time; 0 when unknown. */
    private long speechEndedUs;

    public LatencyRecorder() {
        this(System::nanoTime, System.currentTimeMillis() * 1000);
    }

    LatencyRecorder(LongSupplier nanoClock, long originEpochUs) {
        this.nanoClock = nanoClock;
        this.originNanos = nanoClock.getAsLong();
        this.originEpochUs = originEpochUs;
    }

    /** The wall-clock time of a sample's {@link LatencySample#atS()}. */
    public java.time.Instant wallClockAt(double atS) {
        return java.time.Instant.EPOCH.plus(
                originEpochUs + Math.round(atS * 1e6), java.time.temporal.ChronoUnit.MICROS);
    }

    /** Call just before handing chunk {@code sequence} to the stream (its ack may arrive before send returns). */
    @Override
    public synchronized void chunkSending(long sequence) {
        sentNanos.put(sequence, nanoClock.getAsLong());
    }

    /** A new session numbers its chunks from 1 again, and its speech state starts fresh. */
    @Override
    public synchronized void sessionStarted() {
        sentNanos.clear();
        speechStartedNanos = 0;
        speechEndedNanos = 0;
        streamOriginUs = 0;
        speechEndedUs = 0;
    }

    @Override
    public synchronized void eventArrived(StreamEvent event) {
        long now = nanoClock.getAsLong();
        switch (event.getKindCase()) {
            case ACK -> {
                if (event.getSequence() == 1 && event.getCaptureTimeUs() > 0) {
                    streamOriginUs = event.getCaptureTimeUs();
                }
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
            case SPEECH_ENDED -> {
                speechEndedNanos = now;
                speechEndedUs = streamOriginUs == 0
                        ? 0
                        : streamOriginUs + Math.round(event.getSpeechEnded().getStreamTimeS() * 1e6);
            }
            case PARTIAL -> {
                if (speechStartedNanos != 0) {
                    add(LatencyMetric.SPEECH_START_TO_FIRST_PARTIAL, now, (now - speechStartedNanos) / 1e6);
                    speechStartedNanos = 0;
                }
            }
            case FINAL -> {
                speechStartedNanos = 0; // an utterance too short for a partial has no first-partial latency
                if (speechEndedUs != 0) {
                    long nowUs = originEpochUs + (now - originNanos) / 1000;
                    add(LatencyMetric.SPEECH_END_TO_FINAL, now, (nowUs - speechEndedUs) / 1e3);
                } else if (speechEndedNanos != 0) {
                    add(LatencyMetric.SPEECH_END_TO_FINAL, now, (now - speechEndedNanos) / 1e6);
                }
                speechEndedNanos = 0;
                speechEndedUs = 0;
            }
            default -> {}
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
