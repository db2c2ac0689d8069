package dev.voiceconsole.worker.policy;

import dev.voiceconsole.engine.DecodedSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Removes what whisper produces when there is no real speech.
 * <ul>
 *   <li>Scores (only when the engine exposes them): a segment is dropped when
 *       {@code noSpeechProb > noSpeechThreshold && avgLogprob < logprobThreshold} — whisper's own silence rule:
 *       the model thinks there is no speech AND is unsure of the words it produced. Either alone is common on
 *       real, quiet or accented speech, so neither alone drops text.</li>
 *   <li>Non-speech tags: {@code [BLANK_AUDIO]}, {@code [MUSIC]}, {@code (silence)}, {@code *laughs*}, music notes
 *       are stripped from the text.</li>
 *   <li>Loops: a word or phrase of up to {@value #MAX_LOOP_WORDS} words repeated {@value #MIN_LOOP_REPEATS}+ times
 *       in a row is kept once (the decoder got stuck, nobody dictates that).</li>
 *   <li>Run-on text: a decode whose words could not fit in its audio (more than {@value #MAX_WORDS_PER_SECOND} words
 *       a second of audio, plus {@value #RATE_SLACK_WORDS}) is dropped whole. An under-trained or confused decoder can
 *       emit hundreds of words that ignore the audio (seen with an early checkpoint of the fixture model: one
 *       second of speech became a 250-word segment); no speaker dictates faster than about five words a second, so
 *       such text cannot be what was said. The drop is reported ({@link Guarded#dropped()}), never silent.</li>
 *   <li>Video outros ("thanks for watching", "subtitles by the amara.org community", ...) that whisper invents on
 *       silence are dropped when they are a segment's whole text. "Thank you." is kept: people do dictate it.</li>
 * </ul>
 */
public final class HallucinationGuard {

    static final int MAX_LOOP_WORDS = 4;
    static final int MIN_LOOP_REPEATS = 3;
    static final double MAX_WORDS_PER_SECOND = 6.0;
    static final int RATE_SLACK_WORDS = 3;

    /** What a decode keeps, and why anything was dropped ("" when nothing was). */
    public record Guarded(List<DecodedSegment> kept, String dropped) {}

    private static final Pattern NON_SPEECH_TAG = Pattern.compile("\\[[^\\]]*\\]|\\([^)]*\\)|\\*[^*]*\\*|[♪♫]");
    private static final Set<String> OUTROS = Set.of(
            "thanks for watching",
            "thank you for watching",
            "thanks for watching and see you next time",
            "please subscribe",
            "please like and subscribe",
            "subtitles by the amaraorg community",
            "subtitles by amaraorg");

    private final float noSpeechThreshold;
    private final float logprobThreshold;

    public HallucinationGuard(float noSpeechThreshold, float logprobThreshold) {
        this.noSpeechThreshold = noSpeechThreshold;
        this.logprobThreshold = logprobThreshold;
    }

    public static HallucinationGuard of(CommitSettings commit) {
        return new HallucinationGuard(commit.noSpeechThreshold(), commit.logprobThreshold());
    }

    /**
     * The segments of a decode over {@code audioSeconds} of audio worth keeping: {@link #filter(List)}, then nothing
     * at all if their words outrun any speaker.
     */
    public Guarded filter(List<DecodedSegment> segments, double audioSeconds) {
        List<DecodedSegment> kept = filter(segments);
        int words =
                kept.stream().mapToInt(seg -> Words.split(seg.text()).size()).sum();
        int most = maxWords(audioSeconds);
        if (words > most) {
            return new Guarded(
                    List.of(),
                    String.format(
                            Locale.ROOT,
                            "run-on text dropped: %d words decoded from %.1f s of audio (at most %d fit)",
                            words,
                            audioSeconds,
                            most));
        }
        return new Guarded(kept, "");
    }

    static int maxWords(double audioSeconds) {
        return (int) Math.floor(Math.max(0, audioSeconds) * MAX_WORDS_PER_SECOND) + RATE_SLACK_WORDS;
    }

    /** The segments worth keeping, with cleaned text; segments left empty are dropped. */
    public List<DecodedSegment> filter(List<DecodedSegment> segments) {
        List<DecodedSegment> kept = new ArrayList<>();
        for (DecodedSegment s : segments) {
            if (isNoSpeech(s)) {
                continue;
            }
            String text = clean(s.text());
            if (!text.isEmpty()) {
                kept.add(s.withText(text));
            }
        }
        return kept;
    }

    boolean isNoSpeech(DecodedSegment s) {
        return s.hasScores() && s.noSpeechProb() > noSpeechThreshold && s.avgLogprob() < logprobThreshold;
    }

    /** Tags stripped, loops collapsed, outros removed; whitespace normalized. */
    static String clean(String text) {
        String withoutTags = NON_SPEECH_TAG.matcher(text).replaceAll(" ");
        List<String> words = collapseLoops(Words.split(withoutTags));
        String normalized = words.stream().map(Words::normalize).collect(Collectors.joining(" "));
        if (OUTROS.contains(normalized)) {
            return "";
        }
        return Words.join(words);
    }

    static List<String> collapseLoops(List<String> words) {
        List<String> out = new ArrayList<>(words.size());
        int i = 0;
        while (i < words.size()) {
            int consumed = 0;
            for (int n = 1; n <= MAX_LOOP_WORDS && consumed == 0; n++) {
                int repeats = repeatsAt(words, i, n);
                if (repeats >= MIN_LOOP_REPEATS) {
                    out.addAll(words.subList(i, i + n));
                    consumed = repeats * n;
                }
            }
            if (consumed == 0) {
                out.add(words.get(i));
                consumed = 1;
            }
            i += consumed;
        }
        return out;
    }

    /** How many times the {@code n}-word phrase at {@code start} occurs back to back from there. */
    private static int repeatsAt(List<String> words, int start, int n) {
        if (start + n > words.size()) {
            return 0;
        }
        int repeats = 1;
        int next = start + n;
        while (next + n <= words.size() && samePhrase(words, start, next, n)) {
            repeats++;
            next += n;
        }
        return repeats;
    }

    private static boolean samePhrase(List<String> words, int a, int b, int n) {
        for (int k = 0; k < n; k++) {
            if (!Words.same(words.get(a + k), words.get(b + k))) {
                return false;
            }
        }
        return true;
    }
}
