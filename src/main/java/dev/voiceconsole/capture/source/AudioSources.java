package dev.voiceconsole.capture.source;

import dev.voiceconsole.settings.UiSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Audio sources the UI can open by itself: recordings named {@code file:<path.wav>} in the Device setting. */
public final class AudioSources {

    private AudioSources() {}

    /**
     * Opens {@code file:} devices as real-time WAV playback and hands anything else to {@code microphones}.
     */
    public static AudioSourceFactory withFiles(AudioSourceFactory microphones) {
        return new AudioSourceFactory() {
            @Override
            public AudioSource open(UiSettings settings) throws IOException {
                if (settings.device().startsWith("file:")) {
                    Path wav = Path.of(settings.device().substring("file:".length()));
                    if (!Files.isRegularFile(wav)) {
                        throw new IOException("the recording " + wav + " set as Device does not exist");
                    }
                    return new WavFileAudioSource(wav, 1.0);
                }
                return microphones.open(settings);
            }

            @Override
            public List<String> deviceNames() {
                return microphones.deviceNames();
            }
        };
    }

    /** Until microphone capture is plugged in: says how to dictate from a recording instead. */
    public static AudioSourceFactory noMicrophone() {
        return settings -> {
            throw new IOException("microphone capture is not available in this build; set Device to "
                    + "file:/path/to/recording.wav in Settings to dictate from a recording");
        };
    }
}
