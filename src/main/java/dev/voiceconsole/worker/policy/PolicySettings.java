package dev.voiceconsole.worker.policy;

import java.util.List;

/**
 * Everything a policy needs to know about its session.
 *
 * @param live true: streaming (LocalAgreement-2); false: offline (one decode per segment, no re-decoding)
 * @param vocabulary words and names appended to the prompt so the decoder spells them as the user does
 */
public record PolicySettings(
        boolean live,
        String language,
        boolean translate,
        String initialPrompt,
        List<String> vocabulary,
        VadSettings vad,
        CommitSettings commit) {

    public PolicySettings {
        language = (language == null || language.isBlank()) ? "auto" : language;
        initialPrompt = initialPrompt == null ? "" : initialPrompt;
        vocabulary = List.copyOf(vocabulary);
    }

    public static PolicySettings liveDefaults() {
        return new PolicySettings(
                true, "auto", false, "", List.of(), VadSettings.defaults(), CommitSettings.defaults());
    }
}
