package dev.voiceconsole.worker;

import dev.voiceconsole.proto.v1.CommitConfig;
import dev.voiceconsole.proto.v1.SessionConfig;
import dev.voiceconsole.proto.v1.TtsVoiceConfig;
import dev.voiceconsole.proto.v1.VadConfig;
import dev.voiceconsole.worker.policy.CommitSettings;
import dev.voiceconsole.worker.policy.PolicySettings;
import dev.voiceconsole.worker.policy.VadSettings;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a wire {@link SessionConfig} into a {@link SessionSpec}, refusing anything the worker could not honour
 * with an INVALID_ARGUMENT {@link WorkerException} whose message names the field and the bad value.
 */
public final class SessionConfigValidator {

    // ISO 639-1/639-3 code, optionally with a region or script ("en", "pt-BR", "zh-Hans").
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})?");
    static final int MAX_PROMPT_CHARS = 4000;
    static final int MAX_VOCABULARY_WORDS = 500;
    static final int MAX_VOCABULARY_WORD_CHARS = 100;

    public SessionSpec validate(SessionConfig config) {
        int rate = config.getSampleRateHz();
        if (rate != 16_000 && rate != 48_000) {
            throw invalid("sample rate must be 16000 or 48000 Hz, was " + Integer.toUnsignedString(rate));
        }
        int channels = config.getChannels() == 0 ? 1 : config.getChannels();
        if (channels != 1 && channels != 2) {
            throw invalid("channels must be 1 or 2, was " + Integer.toUnsignedString(channels));
        }
        String language = config.getLanguage().strip();
        if (!language.isEmpty()
                && !language.equals("auto")
                && !LANGUAGE.matcher(language).matches()) {
            throw invalid("language must be an ISO code such as \"en\" or \"auto\", was \"" + language + "\"");
        }
        if (config.getInitialPrompt().length() > MAX_PROMPT_CHARS) {
            throw invalid("initial prompt must be at most " + MAX_PROMPT_CHARS + " characters, was "
                    + config.getInitialPrompt().length());
        }
        List<String> vocabulary = validateVocabulary(config.getVocabularyList());
        boolean live = switch (config.getMode()) {
            case SESSION_MODE_UNSPECIFIED, SESSION_MODE_LIVE -> true;
            case SESSION_MODE_OFFLINE -> false;
            case UNRECOGNIZED -> throw invalid("unknown session mode " + config.getModeValue());
        };
        Optional<SessionSpec.TtsVoice> tts =
                config.hasTtsVoice() ? Optional.of(validateTts(config.getTtsVoice())) : Optional.empty();
        requireFinite("VAD energy threshold", config.getVad().getEnergyThresholdDb());
        requireFinite("no-speech threshold", config.getCommit().getNoSpeechThreshold());
        requireFinite("log-prob threshold", config.getCommit().getLogprobThreshold());
        requireFinite("entropy threshold", config.getCommit().getEntropyThreshold());
        try {
            PolicySettings policy = new PolicySettings(
                    live,
                    language,
                    config.getTranslate(),
                    config.getInitialPrompt(),
                    vocabulary,
                    vad(config.getVad()),
                    commit(config.getCommit()));
            return new SessionSpec(rate, channels, policy, tts);
        } catch (IllegalArgumentException e) {
            // The settings records know their own ranges; their message is already meant for a person.
            throw new WorkerException(WorkerException.Reason.INVALID_ARGUMENT, e.getMessage(), e);
        }
    }

    private static List<String> validateVocabulary(List<String> words) {
        if (words.size() > MAX_VOCABULARY_WORDS) {
            throw invalid("vocabulary must have at most " + MAX_VOCABULARY_WORDS + " entries, had " + words.size());
        }
        for (String word : words) {
            if (word.isBlank() || word.length() > MAX_VOCABULARY_WORD_CHARS) {
                throw invalid("vocabulary entries must be 1.." + MAX_VOCABULARY_WORD_CHARS + " characters, got \""
                        + word + "\"");
            }
        }
        return words.stream().map(String::strip).toList();
    }

    private static SessionSpec.TtsVoice validateTts(TtsVoiceConfig tts) {
        if (tts.getVoice().isBlank()) {
            throw invalid("tts voice must name a voice when tts_voice is set");
        }
        float rate = tts.getSpeakingRate();
        if (rate != 0 && !(rate >= 0.25f && rate <= 4.0f)) {
            throw invalid("tts speaking rate must be 0 (default) or 0.25..4.0, was " + rate);
        }
        float pitch = tts.getPitchSemitones();
        if (!(pitch >= -20f && pitch <= 20f)) {
            throw invalid("tts pitch must be -20..20 semitones, was " + pitch);
        }
        return new SessionSpec.TtsVoice(tts.getVoice().strip(), rate == 0 ? 1.0f : rate, pitch);
    }

    private static VadSettings vad(VadConfig vad) {
        VadSettings d = VadSettings.defaults();
        return new VadSettings(
                vad.getEnergyThresholdDb() == 0 ? d.energyThresholdDb() : vad.getEnergyThresholdDb(),
                vad.getPreRollMs() == 0 ? d.preRollMs() : uint32("VAD pre-roll", vad.getPreRollMs(), "ms"),
                vad.getHangoverMs() == 0 ? d.hangoverMs() : uint32("VAD hang-over", vad.getHangoverMs(), "ms"),
                vad.getMinSpeechMs() == 0 ? d.minSpeechMs() : uint32("VAD minimum speech", vad.getMinSpeechMs(), "ms"));
    }

    private static CommitSettings commit(CommitConfig c) {
        CommitSettings d = CommitSettings.defaults();
        return new CommitSettings(
                c.getStepMs() == 0 ? d.stepMs() : uint32("commit step", c.getStepMs(), "ms"),
                c.getMaxUtteranceMs() == 0 ? d.maxUtteranceMs() : uint32("max utterance", c.getMaxUtteranceMs(), "ms"),
                c.getNoSpeechThreshold() == 0 ? d.noSpeechThreshold() : c.getNoSpeechThreshold(),
                c.getLogprobThreshold() == 0 ? d.logprobThreshold() : c.getLogprobThreshold(),
                c.getEntropyThreshold() == 0 ? d.entropyThreshold() : c.getEntropyThreshold(),
                c.getPromptMaxChars() == 0
                        ? d.promptMaxChars()
                        : uint32("prompt length", c.getPromptMaxChars(), "characters"));
    }

    /**
     * A uint32 field as Java reads it: 2^31 and above arrive negative, which the settings' range checks would
     * print as such ("was -294967296"); none of those values is in any range, so they are refused here, unsigned.
     */
    private static int uint32(String name, int raw, String unit) {
        if (raw < 0) {
            throw invalid(name + " is out of range, was " + Integer.toUnsignedString(raw) + " " + unit);
        }
        return raw;
    }

    // NaN slips through every range check of the settings records, so it is refused here.
    private static void requireFinite(String name, float value) {
        if (!Float.isFinite(value)) {
            throw invalid(name + " must be a finite number, was " + value);
        }
    }

    private static WorkerException invalid(String message) {
        return new WorkerException(WorkerException.Reason.INVALID_ARGUMENT, message);
    }
}
