package dev.voiceconsole.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
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
