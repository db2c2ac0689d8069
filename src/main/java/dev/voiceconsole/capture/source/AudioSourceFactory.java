package dev.voiceconsole.capture.source;

import dev.voiceconsole.settings.UiSettings;
import java.io.IOException;
import java.util.List;

/** Opens the audio source the settings name; the lead plugs the microphone in here. */
@FunctionalInterface
public interface AudioSourceFactory {

    AudioSource open(UiSettings settings) throws IOException;

    /**
     * Names of the capture devices the user can pick as Device, in the sound system's order. It may ask the sound
     * system and take a while, so callers keep it off the UI thread. None by default (a factory without a picker).
     */
    default List<String> deviceNames() {
        return List.of();
    }
}
