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
