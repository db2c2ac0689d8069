package dev.voiceconsole.worker.policy;

import dev.voiceconsole.engine.DecodeRequest;
import dev.voiceconsole.engine.DecodeResult;
import dev.voiceconsole.engine.DecodedSegment;
import dev.voiceconsole.engine.DecodedWord;
import dev.voiceconsole.engine.EngineException;
import dev.voiceconsole.engine.SpeechEngine;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every decode of a session shares: request settings, prompt building, guards and score summaries. */
final class DecodeContext {

    private static final Logger log = LoggerFactory.getLogger(DecodeContext.class);

    private final DecodeRequest template;
    private final String promptPrefix;
    private final int promptMaxChars;
    private final HallucinationGuard guard;

    DecodeContext(PolicySettings settings) {
        CommitSettings commit = settings.commit();
        this.template = new DecodeRequest(
                settings.language(),
                settings.translate(),
                "",
                commit.noSpeechThreshold(),
                commit.logprobThreshold(),
                commit.entropyThreshold());
        List<String> parts = new ArrayList<>();
        if (!settings.initialPrompt().isBlank()) {
            parts.add(settings.initialPrompt().strip());
        }
        if (!settings.vocabulary().isEmpty()) {
            parts.add(String.join(
                    ", ",
                    settings.vocabulary().stream()
                            .map(String::strip)
                            .filter(s -> !s.isEmpty())
                            .toList()));
        }
        this.promptPrefix = String.join(" ", parts).strip();
        this.promptMaxChars = commit.promptMaxChars();
        this.guard = HallucinationGuard.of(commit);
    }

    /** Initial prompt + vocabulary + the last {@code promptMaxChars} characters of committed text. */
    DecodeRequest request(String committedText) {
        String recent = RecentText.tail(committedText.strip(), promptMaxChars);
        String prompt = promptPrefix.isEmpty() ? recent : recent.isEmpty() ? promptPrefix : promptPrefix + " " + recent;
        return template.withPrompt(prompt);
    }

    /**
     * One engine call over samples {@code from..to} of the session's audio, prompted with {@code committedText}: adds a
     * Decoded event (or DecodeFailed, after which the session carries on) and returns the guarded segments, or null
     * when the decode failed.
     */
    List<DecodedSegment> decode(
            SpeechEngine engine,
            UtteranceTracker tracker,
            long from,
            long to,
            String committedText,
            boolean finalDecode,
            List<PolicyEvent> events) {
        float[] samples = tracker.audio(from, to);
        long started = System.nanoTime();
        try {
            DecodeResult result = engine.decode(samples, request(committedText));
            HallucinationGuard.Guarded guarded = guard.filter(result.segments(), samples.length / 16_000.0);
            if (!guarded.dropped().isEmpty()) {
                log.warn(
                        "Decode of {}-{} s: {}",
                        UtteranceTracker.seconds(from),
                        UtteranceTracker.seconds(to),
                        guarded.dropped());
            }
            events.add(new PolicyEvent.Decoded(
                    UtteranceTracker.seconds(from),
                    UtteranceTracker.seconds(to),
                    started,
                    result.inferenceMs(),
                    text(guarded.kept()),
                    finalDecode,
                    guarded.dropped(),
                    result.language()));
            return guarded.kept();
        } catch (EngineException e) {
            if (Thread.currentThread().isInterrupted()) {
                // The worker is closing its session threads (after the drain): not a failure of this decode worth a
                // warning per waiting session.
                log.debug(
                        "Decode of {}-{} s abandoned: {}",
                        UtteranceTracker.seconds(from),
                        UtteranceTracker.seconds(to),
                        e.getMessage());
            } else {
                log.warn(
                        "Decode of {}-{} s failed: {}",
                        UtteranceTracker.seconds(from),
                        UtteranceTracker.seconds(to),
                        e.getMessage());
            }
            events.add(new PolicyEvent.DecodeFailed(e.getMessage()));
            return null;
        }
    }

    static String text(List<DecodedSegment> segments) {
        return Words.join(
                segments.stream().flatMap(s -> Words.split(s.text()).stream()).toList());
    }

    /**
     * A final of {@code text}, decoded from utterance {@code u} as {@code segments}. Its times are where whisper heard
     * the words (the segments' times, inside the utterance): the utterance itself starts with the detector's
     * pre-roll and ends with its hangover, so subtitles cut from it would run early and late. Without usable segment
     * times (none, or not increasing) the utterance's span stands in.
     *
     * <p>Scores are present only if every segment has them: the mean log-prob and the worst (highest) no-speech
     * probability. Without scores both are 0.
     */
    static PolicyEvent.Final finalEvent(int segmentId, Utterance u, String text, List<DecodedSegment> segments) {
        boolean hasScores = !segments.isEmpty() && segments.stream().allMatch(DecodedSegment::hasScores);
        float avgLogprob = 0f;
        float noSpeech = 0f;
        if (hasScores) {
            double sum = 0;
            float max = 0f;
            for (DecodedSegment s : segments) {
                sum += s.avgLogprob();
                max = Math.max(max, s.noSpeechProb());
            }
            avgLogprob = (float) (sum / segments.size());
            noSpeech = max;
        }
        double from = UtteranceTracker.seconds(u.startSample());
        double to = UtteranceTracker.seconds(u.endSample());
        double start = from;
        double end = to;
        if (!segments.isEmpty()) {
            double heardStart = Math.max(from, from + segments.get(0).startS());
            double heardEnd =
                    Math.min(to, from + segments.get(segments.size() - 1).endS());
            if (heardEnd > heardStart) {
                start = heardStart;
                end = heardEnd;
            }
        }
        return new PolicyEvent.Final(
                segmentId,
                u.id(),
                text,
                start,
                end,
                hasScores,
                avgLogprob,
                noSpeech,
                streamWords(from, text, segments));
    }

    /**
     * The segments' words moved to stream time, if they are the final's words exactly (the guard can clean a
     * segment's text, and a live final may join text decoded at different times); otherwise none, rather than words
     * that disagree with the text.
     */
    static List<DecodedWord> streamWords(double from, String text, List<DecodedSegment> segments) {
        List<DecodedWord> words = new ArrayList<>();
        for (DecodedSegment s : segments) {
            for (DecodedWord w : s.words()) {
                words.add(new DecodedWord(w.text(), from + w.startS(), from + w.endS(), w.probability()));
            }
        }
        List<String> spoken = Words.split(text);
        List<String> decoded = words.stream().map(DecodedWord::text).toList();
        return decoded.equals(spoken) ? words : List.of();
    }
}
