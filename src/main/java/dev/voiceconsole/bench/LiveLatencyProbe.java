package dev.voiceconsole.bench;

import dev.voiceconsole.audio.EpochMicros;
import dev.voiceconsole.client.StreamListener;
import dev.voiceconsole.proto.v1.StreamEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Times a live stream's decode events against the speech boundaries the worker reported. The weightless model
 * yields no text, so decode events (not transcripts) are what is timed. Speech boundaries are placed on the client
 * clock as first-chunk capture time + the event's stream time; decode arrival is taken on the client clock.
 */
final class LiveLatencyProbe implements StreamListener {

    private long firstCaptureUs = Long.MAX_VALUE;
    private Double pendingStartUs;
    private Double pendingEndUs;
    private final List<Double> firstDecodeMs = new ArrayList<>();
    private final List<Double> finalDecodeMs = new ArrayList<>();
    private final List<Double> reprocessedSeconds = new ArrayList<>();

    @Override
    public synchronized void onEvent(StreamEvent e) {
        long nowUs = EpochMicros.now();
        if (e.getCaptureTimeUs() > 0 && e.getSequence() == 1) {
            firstCaptureUs = Math.min(firstCaptureUs, e.getCaptureTimeUs());
        }
        switch (e.getKindCase()) {
            case SPEECH_STARTED ->
                pendingStartUs = firstCaptureUs + e.getSpeechStarted().getStreamTimeS() * 1e6;
            case SPEECH_ENDED ->
                pendingEndUs = firstCaptureUs + e.getSpeechEnded().getStreamTimeS() * 1e6;
            case DECODE -> {
                reprocessedSeconds.add(
                        e.getDecode().getAudioEndS() - e.getDecode().getAudioStartS());
                if (pendingStartUs != null) {
                    firstDecodeMs.add((nowUs - pendingStartUs) / 1000.0);
                    pendingStartUs = null;
                }
                if (e.getDecode().getFinalDecode() && pendingEndUs != null) {
                    finalDecodeMs.add((nowUs - pendingEndUs) / 1000.0);
                    pendingEndUs = null;
                }
            }
            default -> {}
        }
    }

    synchronized List<Double> firstDecodeMs() {
        return List.copyOf(firstDecodeMs);
    }

    synchronized List<Double> finalDecodeMs() {
        return List.copyOf(finalDecodeMs);
    }

    synchronized List<Double> reprocessedSeconds() {
        return List.copyOf(reprocessedSeconds);
    }
}
