package dev.voiceconsole.worker.policy;

import dev.voiceconsole.engine.DecodedWord;
import dev.voiceconsole.engine.SpokenLanguage;
import java.util.List;

/** What a {@link TranscriptionPolicy} reports; the session stamps and maps these onto the wire. */
public sealed interface PolicyEvent {

    record SpeechStarted(double streamTimeS) implements PolicyEvent {}

    record SpeechEnded(double streamTimeS) implements PolicyEvent {}

    /**
     * One engine call.
     *
     * @param decodeStartNanos {@link System#nanoTime()} when the decode began (the session derives queue wait from it)
     * @param text the decode's raw text (after guards); may be empty
     * @param guardNote why the hallucination guard dropped the decode's text, "" when it kept it
     * @param language the language the engine transcribed as (with its detection's probability under "auto")
     */
    record Decoded(
            double audioStartS,
            double audioEndS,
            long decodeStartNanos,
            double inferenceMs,
            String text,
            boolean finalDecode,
            String guardNote,
            SpokenLanguage language)
            implements PolicyEvent {
        public Decoded(
                double audioStartS,
                double audioEndS,
                long decodeStartNanos,
                double inferenceMs,
                String text,
                boolean finalDecode) {
            this(audioStartS, audioEndS, decodeStartNanos, inferenceMs, text, finalDecode, "", SpokenLanguage.UNKNOWN);
        }
    }

    /** Live text: {@code stableText} is committed (never changes), {@code unstableText} may. */
    record Partial(int utteranceId, String stableText, String unstableText) implements PolicyEvent {}

    record Final(
            int segmentId,
            int utteranceId,
            String text,
            double startS,
            double endS,
            boolean hasScores,
            float avgLogprob,
            float noSpeechProb,
            List<DecodedWord> words)
            implements PolicyEvent {

        /** Words in stream time, in order; empty where the engine gave none or the text no longer matches them. */
        public Final {
            words = List.copyOf(words);
        }
    }

    /** A decode failed; the policy carries on with the next audio. */
    record DecodeFailed(String message) implements PolicyEvent {}
}
