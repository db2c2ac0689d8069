package dev.voiceconsole.client;

import dev.voiceconsole.audio.RealTimePacer;
import dev.voiceconsole.proto.v1.CreateSessionResponse;
import dev.voiceconsole.proto.v1.FinalSegment;
import dev.voiceconsole.proto.v1.SessionConfig;
import dev.voiceconsole.proto.v1.SessionMode;
import dev.voiceconsole.proto.v1.StreamEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Plays a recording into a LIVE session at real-time speed (times {@code pace}) in chunks of {@code chunkMs},
 * stamping each chunk with the moment it was "captured", so live latency can be measured without a microphone.
 * Pace 0 sends as fast as the worker accepts, for stress and throughput runs.
 */
public final class PacedStreamer {

    private final VoiceWorkerClient client;
    private final int chunkMs;
    private final double pace;

    public PacedStreamer(VoiceWorkerClient client, int chunkMs, double pace) {
        if (chunkMs < 10 || chunkMs > 5000) {
            throw new IllegalArgumentException("chunk length must be 10..5000 ms, was " + chunkMs);
        }
        if (!(pace >= 0) || Double.isInfinite(pace)) {
            throw new IllegalArgumentException("pace must be 0 (as fast as possible) or positive, was " + pace);
        }
        this.client = client;
        this.chunkMs = chunkMs;
        this.pace = pace;
    }

    /**
     * Streams {@code pcm} through a new LIVE session at the pace, stops it and returns its finals and round trips.
     *
     * @param events also gets every event; may be null
     */
    public TranscriptionResult run(byte[] pcm, int rate, int channels, SessionConfig config, StreamListener events)
            throws InterruptedException {
        StreamListener listener = events != null ? events : e -> {};
        SessionConfig live = config.toBuilder()
                .setSampleRateHz(rate)
                .setChannels(channels)
                .setMode(SessionMode.SESSION_MODE_LIVE)
                .build();
        CreateSessionResponse created = client.createSession(live);
        RealTimePacer pacer = new RealTimePacer(rate, channels, chunkMs, created.getMaxChunkBytes(), pace);
        List<FinalSegment> finals = Collections.synchronizedList(new ArrayList<>());
        AudioStream stream = client.openStream(created.getSessionId(), new StreamListener() {
            @Override
            public void onEvent(StreamEvent e) {
                if (e.hasFinal()) {
                    finals.add(e.getFinal());
                }
                listener.onEvent(e);
            }

            @Override
            public void onCompleted() {
                listener.onCompleted();
            }

            @Override
            public void onError(Throwable error) {
                listener.onError(error);
            }
        });
        boolean stopped = false;
        try {
            pacer.play(pcm, stream::send);
            stream.stop(); // finals arrive on the stream before it completes
            stopped = true;
        } finally {
            if (!stopped) {
                stream.cancel();
            }
        }
        return new TranscriptionResult(
                created.getSessionId(),
                new ArrayList<>(finals),
                pcm.length / (2.0 * channels * rate),
                stream.roundTrips());
    }
}
