package dev.voiceconsole.ui;

import java.io.IOException;

/** Opens the audio source the settings name; the lead plugs the microphone in here. */
@FunctionalInterface
public interface AudioSourceFactory {

    AudioSource open(UiSettings settings) throws IOException;
}
