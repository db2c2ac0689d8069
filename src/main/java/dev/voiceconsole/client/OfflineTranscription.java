package dev.voiceconsole.client;

import dev.voiceconsole.audio.EpochMicros;
import dev.voiceconsole.proto.v1.CreateSessionResponse;
import dev.voiceconsole.proto.v1.FinalSegment;
import dev.voiceconsole.proto.v1.SessionConfig;
import dev.voiceconsole.proto.v1.SessionMode;
import dev.voiceconsole.proto.v1.StreamEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Batch transcription: one OFFLINE session, audio pushed as fast as the worker accepts it. */
final class OfflineTranscription {

    /** Chunks of at most one second keep progress smooth and resends cheap. */
    private static final double CHUNK_SECONDS = 1.0;

    private final VoiceWorkerClient client;

    OfflineTranscription(VoiceWorkerClient client) {
        this.client = client;
    }

    TranscriptionResult run(byte[] pcm, int rate, int channels, SessionConfig config, TranscriptionProgress progress)
            throws InterruptedException {
        SessionConfig offline = config.toBuilder()
                .setSampleRateHz(rate)
                .setChannels(channels)
                .setMode(SessionMode.SESSION_MODE_OFFLINE)
                .build();
        CreateSessionResponse created = client.createSession(offline);
        String id = created.getSessionId();
        int frame = 2 * channels;
        double bytesPerSecond = (double) frame * rate;
        int chunkBytes = (int) Math.min(created.getMaxChunkBytes(), bytesPerSecond * CHUNK_SECONDS);
        chunkBytes = Math.max(frame, chunkBytes - chunkBytes % frame);
        double totalSeconds = pcm.length / bytesPerSecond;

        List<FinalSegment> finals = Collections.synchronizedList(new ArrayList<>());
        // Progress follows decoding, not upload: a file is accepted in moments and decoded for minutes.
        StreamListener listener = new StreamListener() {
            private double decodedSeconds;

            @Override
            public void onEvent(StreamEvent e) {
                if (e.hasFinal()) {
                    finals.add(e.getFinal());
                } else if (e.hasDecode() && e.getDecode().getAudioEndS() > decodedSeconds) {
                    decodedSeconds = Math.min(totalSeconds, e.getDecode().getAudioEndS());
                    progress.onProgress(decodedSeconds, totalSeconds);
                }
            }
        };
        AudioStream stream = client.openStream(id, listener);
        boolean finished = false;
        try {
            long startUs = EpochMicros.now();
            for (int offset = 0; offset < pcm.length; offset += chunkBytes) {
                byte[] chunk = Arrays.copyOfRange(pcm, offset, Math.min(pcm.length, offset + chunkBytes));
                long captureUs = startUs + (long) (offset / bytesPerSecond * 1e6);
                stream.send(chunk, captureUs);
            }
            stream.finish();
            finished = true;
        } finally {
            if (!finished) {
                stream.cancel();
            }
        }
        // The stream delivered every final; StopSession only releases the slot.
        var stop = client.stopSession(id, stream.lastSequence());
        List<FinalSegment> all = new ArrayList<>(finals);
        all.addAll(stop.getFlushedSegmentsList());
        progress.onProgress(totalSeconds, totalSeconds);
        return new TranscriptionResult(id, all, totalSeconds, stream.roundTrips());
    }
}
