package dev.voiceconsole.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceconsole.transcript.TranscriptSegment;
import dev.voiceconsole.transcript.TranscriptWord;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShownWordsTest {

    private static TranscriptWord w(String text) {
        return new TranscriptWord(text, 0, 0.1, 0.9f);
    }

    @Test
    void aSegmentShowsItsWordsOrItsTextWhereItHasNone() {
        ShownWords words =
                ShownWords.of(new TranscriptSegment(1, 0, 1, "alpha bravo", List.of(w("alpha"), w("bravo"))));
        assertThat(words.asText()).isEqualTo("alpha bravo");
        assertThat(words.words()).hasSize(2);
        assertThat(ShownWords.of(new TranscriptSegment(1, 0, 1, " alpha bravo "))
                        .asText())
                .isEqualTo("alpha bravo");
    }

    @Test
    void theEndKeepsWholeWordsWithinTheRoom() {
        ShownWords words = ShownWords.of(
                new TranscriptSegment(1, 0, 1, "alpha bravo charlie", List.of(w("alpha"), w("bravo"), w("charlie"))));
        assertThat(words.lastChars(19)).isSameAs(words);
        ShownWords end = words.lastChars(14);
        assertThat(end.asText()).isEqualTo("…bravo charlie");
        assertThat(end.words()).extracting(TranscriptWord::text).containsExactly("bravo", "charlie");
        assertThat(words.lastChars(13).asText()).isEqualTo("…charlie");
        assertThat(words.lastChars(5).asText())
                .as("a last word longer than the room: its last characters, without marks")
                .isEqualTo("…rlie");
        assertThat(words.lastChars(5).words()).isEmpty();
        assertThat(ShownWords.plain("one two three").lastChars(8).asText())
                .as("plain text is cut where the room ends, as the pill always did")
                .isEqualTo("…o three");
    }
}
