package dev.voiceconsole.client;

import dev.voiceconsole.proto.v1.CreateSessionResponse;
import dev.voiceconsole.proto.v1.FinalSegment;
import dev.voiceconsole.proto.v1.SessionConfig;
import dev.voiceconsole.proto.v1.SessionMode;
import dev.voiceconsole.proto.v1.StreamEvent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

    /** @param listener also gets every event; may be null */
    public TranscriptionResult run(byte[] pcm, int rate, int channels, SessionConfig config, StreamListener events)
            throws InterruptedException {
        StreamListener listener = events != null ? events : e -> { };
        SessionConfig live = config.toBuilder().setSampleRateHz(rate).setChannels(channels)
                .setMode(SessionMode.SESSION_MODE_LIVE).build();
        CreateSessionResponse created = client.createSession(live);
        int frame = 2 * channels;
        int chunkBytes = (int) ((long) rate * chunkMs / 1000) * frame;
        chunkBytes = Math.max(frame, Math.min(chunkBytes, created.getMaxChunkBytes() - created.getMaxChunkBytes() % frame));
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
            long start = System.nanoTime();
            double nanosPerByte = pace == 0 ? 0 : 1e9 / ((double) frame * rate) / pace;
            for (int offset = 0; offset < pcm.length; offset += chunkBytes) {
                // A chunk is "captured" once all of its audio would have been recorded.
                long due = start + (long) (Math.min(pcm.length, offset + chunkBytes) * nanosPerByte);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait); // pacing, not synchronization
                }
                byte[] chunk = Arrays.copyOfRange(pcm, offset, Math.min(pcm.length, offset + chunkBytes));
                long captureUs = OfflineTranscription.epochMicros() - (long) (chunk.length * nanosPerByte / 1000);
                stream.send(chunk, captureUs);
            }
            stream.stop(); // finals arrive on the stream before it completes
            stopped = true;
        } finally {
            if (!stopped) {
                stream.cancel();
            }
        }
        return new TranscriptionResult(created.getSessionId(), new ArrayList<>(finals),
                pcm.length / ((double) frame * rate), stream.roundTrips());
    }
}
