package dev.voiceconsole.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TranscriptFormatTest {

    private final List<TranscriptSegment> segments = List.of(
            new TranscriptSegment(1, 0.25, 2.5, " hello there "),
            new TranscriptSegment(2, 3.0, 3.5, ""),
            new TranscriptSegment(3, 3661.0, 3662.123, "second line"));

    @Test
    void textHasOneLinePerNonEmptySegment() {
        assertThat(TranscriptFormat.TXT.render(segments)).isEqualTo("hello there\nsecond line\n");
    }

    @Test
    void srtNumbersCuesAndUsesCommaMilliseconds() {
        assertThat(TranscriptFormat.SRT.render(segments)).isEqualTo("""
                        1
                        00:00:00,250 --> 00:00:02,500
                        hello there

                        2
                        01:01:01,000 --> 01:01:02,123
                        second line

                        """);
    }

    @Test
    void vttHasHeaderAndDotMilliseconds() {
        assertThat(TranscriptFormat.VTT.render(segments))
                .startsWith("WEBVTT\n\n1\n00:00:00.250 --> 00:00:02.500\nhello there\n");
    }

    @Test
    void jsonKeepsEverySegmentWithTimes() throws Exception {
        JsonNode root = new ObjectMapper().readTree(TranscriptFormat.JSON.render(segments));
        assertThat(root.get("segments")).hasSize(3);
        assertThat(root.get("segments").get(2).get("start").asDouble()).isEqualTo(3661.0);
        assertThat(root.get("segments").get(0).get("text").asText()).isEqualTo("hello there");
    }

    private final TranscriptSegment worded = new TranscriptSegment(
            1,
            1.0,
            2.0,
            "Fish & chips",
            List.of(
                    new TranscriptWord("Fish", 1.0, 1.3, 0.9f),
                    new TranscriptWord("&", 1.35, 1.5, 0.4f),
                    new TranscriptWord("chips", 1.55, 2.0, 0.8f)));

    @Test
    void jsonCarriesEachWordWithItsTimesAndProbability() throws Exception {
        JsonNode words = new ObjectMapper()
                .readTree(TranscriptFormat.JSON.render(List.of(worded)))
                .get("segments")
                .get(0)
                .get("words");

        assertThat(words).hasSize(3);
        assertThat(words.get(1).get("word").asText()).isEqualTo("&");
        assertThat(words.get(1).get("start").asDouble()).isEqualTo(1.35);
        assertThat(words.get(1).get("end").asDouble()).isEqualTo(1.5);
        assertThat(words.get(1).get("probability").floatValue()).isEqualTo(0.4f);
        JsonNode plain = new ObjectMapper().readTree(TranscriptFormat.JSON.render(segments));
        assertThat(plain.get("segments").get(0).has("words")).isFalse();
    }

    @Test
    void vttTimesEachWordAfterTheFirstInsideTheCueAndEscapesCueText() {
        assertThat(TranscriptFormat.VTT.render(List.of(worded))).isEqualTo("""
                        WEBVTT

                        1
                        00:00:01.000 --> 00:00:02.000
                        Fish <00:00:01.350>&amp; <00:00:01.550>chips

                        """);
        // SRT has no word times: the plain text
        assertThat(TranscriptFormat.SRT.render(List.of(worded))).contains("\nFish & chips\n");
    }

    @Test
    void vttWordTimesNeverGoBackOrLeaveTheCue() {
        TranscriptSegment odd = new TranscriptSegment(
                1,
                1.0,
                2.0,
                "a b c",
                List.of(
                        new TranscriptWord("a", 1.0, 1.2, 1f),
                        new TranscriptWord("b", 0.5, 0.6, 1f),
                        new TranscriptWord("c", 2.5, 2.6, 1f)));

        assertThat(TranscriptFormat.VTT.render(List.of(odd))).contains("a <00:00:01.000>b <00:00:02.000>c\n");
    }

    // ---- subtitle cues: split at word times, lines balanced

    /** A segment of these words, word i spoken from {@code start + i * 0.5} s for 0.4 s; the segment ends after. */
    private static TranscriptSegment spoken(double start, String text) {
        String[] words = text.split(" ", -1);
        List<TranscriptWord> timed = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            timed.add(new TranscriptWord(words[i], start + i * 0.5, start + i * 0.5 + 0.4, 0.9f));
        }
        return new TranscriptSegment(1, start, start + words.length * 0.5, text, timed);
    }

    private static List<String> cueTexts(TranscriptSegment segment, int maxLineChars) {
        return SubtitleCues.of(List.of(segment), new CueLayout(maxLineChars)).stream()
                .map(SubtitleCue::text)
                .toList();
    }

    private final TranscriptSegment twelve =
            spoken(10.0, "one two three four five six seven eight nine ten eleven twelve");

    @Test
    void aSegmentLongerThanACueIsSplitBetweenWordsAtTheWordsOwnTimes() {
        // 20 characters a line: "one".."eight" would fill a cue and leave 4 words; the last two cues share them evenly
        assertThat(TranscriptFormat.SRT.render(List.of(twelve), new CueLayout(20)))
                .isEqualTo("""
                        1
                        00:00:10,000 --> 00:00:13,400
                        one two three four
                        five six seven

                        2
                        00:00:13,500 --> 00:00:15,900
                        eight nine ten
                        eleven twelve

                        """);
    }

    @Test
    void vttTimesOnlyTheCuesOwnWordsAfterASplit() {
        assertThat(TranscriptFormat.VTT.render(List.of(twelve), new CueLayout(20)))
                .isEqualTo("""
                        WEBVTT

                        1
                        00:00:10.000 --> 00:00:13.400
                        one <00:00:10.500>two <00:00:11.000>three <00:00:11.500>four
                        <00:00:12.000>five <00:00:12.500>six <00:00:13.000>seven

                        2
                        00:00:13.500 --> 00:00:15.900
                        eight <00:00:14.000>nine <00:00:14.500>ten
                        <00:00:15.000>eleven <00:00:15.500>twelve

                        """);
    }

    @Test
    void theDefaultIs42CharactersAndTwoBalancedLines() {
        // 57 characters: filling the first line would give 39 + 17; the balanced break gives 30 + 26
        TranscriptSegment fox = spoken(0.0, "the quick brown fox jumps over the lazy dog and runs away");
        assertThat(TranscriptFormat.SRT.render(List.of(fox))).isEqualTo("""
                        1
                        00:00:00,000 --> 00:00:06,000
                        the quick brown fox jumps over
                        the lazy dog and runs away

                        """);
        // a segment that fits one line is one line, as before
        assertThat(cueTexts(spoken(0.0, "the quick brown fox"), 42)).containsExactly("the quick brown fox");
    }

    @Test
    void ofTwoEquallyLongBreaksTheLongerLineGoesBelow() {
        assertThat(cueTexts(spoken(0.0, "aaaa bbbb cccc"), 10)).containsExactly("aaaa\nbbbb cccc");
    }

    @Test
    void cutsFallAfterASentenceRatherThanAfterAComma() {
        // "We tried it again. Then, it did not" would fill the cue; the sentence's end comes before the comma
        assertThat(cueTexts(spoken(0.0, "We tried it again. Then, it did not work at all"), 20))
                .containsExactly("We tried it again.", "Then, it did\nnot work at all");
    }

    @Test
    void cutsFallAfterACommaWhereThereIsNoSentenceEnd() {
        // filling the first cue would end it at "not"; the words after it need two more cues either way
        assertThat(cueTexts(
                        spoken(
                                0.0,
                                "We tried it twice more, and it did not work at all so we gave up on it early today"),
                        20))
                .containsExactly(
                        "We tried it\ntwice more,", "and it did not\nwork at all so", "we gave up on\nit early today");
    }

    @Test
    void aCommaThatWouldHalveTheCueIsPassedOver() {
        // "We tried," is 9 of the 36 characters the first cue can take: the even split wins
        assertThat(cueTexts(spoken(0.0, "We tried, and it did not work at all today"), 20))
                .containsExactly("We tried, and it did", "not work at\nall today");
    }

    @Test
    void aWordLongerThanALineStandsAloneOnItsLineUncut() {
        String url = "https://example.com/a/very/long/path"; // 36 characters
        assertThat(cueTexts(spoken(0.0, "see " + url + " for it"), 20)).containsExactly("see\n" + url, "for it");
        // without word times: one cue, the long word still alone on its line
        assertThat(cueTexts(new TranscriptSegment(1, 0.0, 2.0, "see " + url + " for it"), 20))
                .containsExactly("see\n" + url + "\nfor it");
    }

    @Test
    void withoutWordTimesASegmentStaysOneCueOverItsSpanWithItsTextBrokenIntoLines() {
        TranscriptSegment weightless =
                new TranscriptSegment(1, 2.0, 9.5, "when they come back they will find this note left here");
        assertThat(TranscriptFormat.SRT.render(List.of(weightless), new CueLayout(20)))
                .isEqualTo("""
                        1
                        00:00:02,000 --> 00:00:09,500
                        when they come
                        back they will find
                        this note left here

                        """);
        // words that are not the segment's text (the guard cleaned it) cannot place cuts either: the same cue
        TranscriptSegment cleaned = new TranscriptSegment(
                1, 2.0, 9.5, weightless.text(), List.of(new TranscriptWord("when", 2.0, 2.3, 1f)));
        assertThat(TranscriptFormat.SRT.render(List.of(cleaned), new CueLayout(20)))
                .isEqualTo(TranscriptFormat.SRT.render(List.of(weightless), new CueLayout(20)));
    }

    @Test
    void cueTimesStayInsideTheSegmentAndNeverOverlapWhereWordTimesDo() {
        TranscriptSegment odd = new TranscriptSegment(
                1,
                1.0,
                3.0,
                "aaaa bbbb cccc dddd eeee ffff",
                List.of(
                        new TranscriptWord("aaaa", 0.7, 1.6, 1f), // starts before the segment
                        new TranscriptWord("bbbb", 1.5, 2.2, 1f),
                        new TranscriptWord("cccc", 1.9, 2.4, 1f), // ends after the next cue's first word starts
                        new TranscriptWord("dddd", 2.1, 2.6, 1f),
                        new TranscriptWord("eeee", 2.5, 3.5, 1f),
                        new TranscriptWord("ffff", 3.6, 3.8, 1f))); // after the segment
        assertThat(TranscriptFormat.SRT.render(List.of(odd), new CueLayout(10))).isEqualTo("""
                        1
                        00:00:01,000 --> 00:00:02,100
                        aaaa
                        bbbb cccc

                        2
                        00:00:02,100 --> 00:00:03,000
                        dddd
                        eeee ffff

                        """);
    }

    @Test
    void wordTimesThatLeaveACueNoTimeKeepTheSegmentWholeInOneCue() {
        List<TranscriptWord> instant = new ArrayList<>();
        for (String w : twelve.text().split(" ", -1)) {
            instant.add(new TranscriptWord(w, 10.0, 10.0, 1f));
        }
        TranscriptSegment stuck = new TranscriptSegment(1, 10.0, 16.0, twelve.text(), instant);
        assertThat(TranscriptFormat.SRT.render(List.of(stuck), new CueLayout(20)))
                .isEqualTo("""
                        1
                        00:00:10,000 --> 00:00:16,000
                        one two three
                        four five six
                        seven eight nine
                        ten eleven twelve

                        """);
    }

    @Test
    void everySplitKeepsEachWordOnceInOrderInLinesThatFitWithMonotonicNonOverlappingTimes() {
        Random random = new Random(16);
        for (int round = 0; round < 200; round++) {
            int maxLineChars = 10 + random.nextInt(40);
            List<TranscriptWord> words = new ArrayList<>();
            double t = 5.0;
            int count = 5 + random.nextInt(60);
            for (int i = 0; i < count; i++) {
                String word = "w".repeat(1 + random.nextInt(random.nextInt(10) == 0 ? 60 : 9))
                        + (random.nextInt(8) == 0 ? "," : random.nextInt(10) == 0 ? "." : "");
                double start = t + random.nextGaussian() * 0.2; // jittered: may go back or overlap
                t += 0.1 + random.nextDouble() * 0.5;
                words.add(new TranscriptWord(word, start, t + random.nextDouble() * 0.3, 1f));
            }
            String text =
                    String.join(" ", words.stream().map(TranscriptWord::text).toList());
            TranscriptSegment segment = new TranscriptSegment(1, 5.0, t, text, words);

            List<SubtitleCue> cues = SubtitleCues.of(List.of(segment), new CueLayout(maxLineChars));

            List<String> shown = new ArrayList<>();
            double previousEnd = segment.startS();
            for (SubtitleCue cue : cues) {
                assertThat(cue.lines()).hasSizeLessThanOrEqualTo(cues.size() == 1 ? 60 : 2);
                for (List<String> line : cue.lines()) {
                    assertThat(line.size() == 1 || String.join(" ", line).length() <= maxLineChars)
                            .as("line %s within %d", line, maxLineChars)
                            .isTrue();
                    shown.addAll(line);
                }
                assertThat(cue.startS()).isGreaterThanOrEqualTo(previousEnd);
                assertThat(cue.endS()).isGreaterThan(cue.startS()).isLessThanOrEqualTo(segment.endS());
                previousEnd = cue.endS();
            }
            assertThat(String.join(" ", shown)).isEqualTo(text);
        }
    }

    @Test
    void parseIsCaseInsensitiveAndNamesValidFormats() {
        assertThat(TranscriptFormat.parse("SRT")).isEqualTo(TranscriptFormat.SRT);
        assertThatThrownBy(() -> TranscriptFormat.parse("doc"))
                .hasMessage("unknown format 'doc' (use txt, json, srt or vtt)");
    }

    @Test
    void segmentThatEndsBeforeItStartsIsRefused() {
        assertThatThrownBy(() -> new TranscriptSegment(7, 2.0, 1.0, "x")).hasMessageContaining("segment 7 ends");
    }
}
