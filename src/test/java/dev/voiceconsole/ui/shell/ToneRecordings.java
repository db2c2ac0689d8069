package dev.voiceconsole.ui.shell;

import dev.voiceconsole.audio.WavWriter;
import dev.voiceconsole.worker.policy.ToneScript;
import java.io.IOException;
import java.nio.file.Path;

/** WAV files of tone-words for the console to "hear" through {@link WavFileAudioSource}. */
public final class ToneRecordings {

    public static final String SENTENCE = "alpha bravo charlie delta";

    private ToneRecordings() {}

    static double seconds(Path wav) throws IOException {
        var audio = dev.voiceconsole.audio.WavReader.read(wav);
        return audio.samples().length / (double) audio.sampleRate();
    }

    /** Leading silence, one four-word sentence, a pause long enough to end it. */
    public static Path sentence(Path dir) throws IOException {
        float[] samples = new ToneScript()
                .pause(300)
                .sentence(260, 60, 900, SENTENCE.split(" "))
                .samples();
        Path wav = dir.resolve("dictation.wav");
        WavWriter.write(wav, 16_000, samples);
        return wav;
    }
}
