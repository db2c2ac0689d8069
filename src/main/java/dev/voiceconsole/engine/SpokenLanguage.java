package dev.voiceconsole.engine;

/**
 * The language a decode transcribed as.
 *
 * @param code ISO 639-1 code as whisper names it ({@code "en"}); empty when unknown (an engine that does not say)
 * @param probability how sure whisper's language detection was, 0..1, when the request asked for {@code "auto"};
 *                    NaN when the language was given rather than detected. An English-only model hears every
 *                    language as English, so {@code "auto"} on it is English with probability 1.
 */
public record SpokenLanguage(String code, double probability) {

    public static final SpokenLanguage UNKNOWN = new SpokenLanguage("", Double.NaN);

    public SpokenLanguage {
        code = code == null ? "" : code;
    }

    public static SpokenLanguage given(String code) {
        return new SpokenLanguage(code, Double.NaN);
    }

    public boolean detected() {
        return !Double.isNaN(probability);
    }
}
