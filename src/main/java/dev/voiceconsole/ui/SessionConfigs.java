package dev.voiceconsole.ui;

import dev.voiceconsole.proto.v1.SessionConfig;
import dev.voiceconsole.proto.v1.SessionMode;

/** The session a worker is asked for, from what the user set: dictation and file transcription ask alike. */
final class SessionConfigs {

    private SessionConfigs() {
    }

    static SessionConfig of(UiSettings settings, int sampleRateHz, int channels, SessionMode mode) {
        return SessionConfig.newBuilder()
                .setSampleRateHz(sampleRateHz).setChannels(channels)
                .setLanguage(settings.language()).setTranslate(settings.translate())
                .setInitialPrompt(settings.initialPrompt()).addAllVocabulary(settings.vocabulary())
                .setMode(mode).build();
    }
}
