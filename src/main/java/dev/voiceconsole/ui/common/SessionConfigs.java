package dev.voiceconsole.ui.common;

import dev.voiceconsole.proto.v1.SessionConfig;
import dev.voiceconsole.proto.v1.SessionMode;
import dev.voiceconsole.settings.UiSettings;

/** The session a worker is asked for, from what the user set: dictation and file transcription ask alike. */
public final class SessionConfigs {

    private SessionConfigs() {}

    public static SessionConfig of(UiSettings settings, int sampleRateHz, int channels, SessionMode mode) {
        return SessionConfig.newBuilder()
                .setSampleRateHz(sampleRateHz)
                .setChannels(channels)
                .setLanguage(settings.language())
                .setTranslate(settings.translate())
                .setInitialPrompt(settings.initialPrompt())
                .addAllVocabulary(settings.vocabulary())
                .setMode(mode)
                .build();
    }
}
