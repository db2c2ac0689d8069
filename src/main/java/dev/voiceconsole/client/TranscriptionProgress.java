package dev.voiceconsole.client;

/** Progress of a batch transcription: seconds of audio the worker has decoded so far. */
@FunctionalInterface
public interface TranscriptionProgress {

    void onProgress(double acceptedSeconds, double totalSeconds);

    static TranscriptionProgress none() {
        return (done, total) -> {};
    }
}
