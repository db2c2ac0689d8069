package dev.voiceconsole.engine;

/**
 * What one decode should do besides the audio itself.
 *
 * @param language ISO code, or {@code "auto"} for detection
 * @param prompt text carried into the decoder as context (previous committed text, vocabulary); may be empty
 * @param noSpeechThreshold segments whose no-speech probability exceeds this (with low log-prob) are dropped
 * @param logprobThreshold average token log-probability below which a decode counts as failed
 * @param entropyThreshold token entropy above which a decode counts as repetitive
 */
public record DecodeRequest(
        String language,
        boolean translate,
        String prompt,
        float noSpeechThreshold,
        float logprobThreshold,
        float entropyThreshold) {

    /** The language code that asks whisper to detect the language. */
    public static final String AUTO = "auto";

    public DecodeRequest {
        language = (language == null || language.isBlank()) ? AUTO : language;
        prompt = prompt == null ? "" : prompt;
    }

    public static DecodeRequest defaults() {
        return new DecodeRequest(AUTO, false, "", 0.6f, -1.0f, 2.4f);
    }

    public DecodeRequest withPrompt(String newPrompt) {
        return new DecodeRequest(language, translate, newPrompt, noSpeechThreshold, logprobThreshold, entropyThreshold);
    }
}
