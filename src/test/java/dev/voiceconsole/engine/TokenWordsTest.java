package dev.voiceconsole.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenWordsTest {

    private static TokenWords.Token token(byte[] text, float p, double start, double end) {
        return new TokenWords.Token(text, p, start, end);
    }

    private static TokenWords.Token token(String text, float p, double start, double end) {
        return token(text.getBytes(StandardCharsets.UTF_8), p, start, end);
    }

    @Test
    void aLeadingSpaceStartsAWordAndTheTokensAfterItJoinIt() {
        List<DecodedWord> words = TokenWords.merge(List.of(
                token(" Hel", 0.9f, 0.0, 0.2),
                token("lo", 0.7f, 0.2, 0.4),
                token(" world", 0.6f, 0.5, 0.9),
                token(".", 0.8f, 0.9, 1.0)));

        assertThat(words).extracting(DecodedWord::text).containsExactly("Hello", "world.");
        assertThat(words.get(0).startS()).isEqualTo(0.0);
        assertThat(words.get(0).endS()).isEqualTo(0.4);
        assertThat(words.get(0).probability()).isCloseTo(0.8f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(words.get(1).startS()).isEqualTo(0.5);
        assertThat(words.get(1).endS()).isEqualTo(1.0);
    }

    @Test
    void aCharacterSplitAcrossTokensIsDecodedWhole() {
        byte[] cafe = " café".getBytes(StandardCharsets.UTF_8);
        // "é" is two bytes: the first token ends inside it
        byte[] head = Arrays.copyOf(cafe, cafe.length - 1);
        byte[] tail = {cafe[cafe.length - 1]};

        List<DecodedWord> words = TokenWords.merge(List.of(token(head, 0.5f, 0, 0.3), token(tail, 0.5f, 0.3, 0.5)));

        assertThat(words).extracting(DecodedWord::text).containsExactly("café");
    }

    @Test
    void theFirstTokenStartsAWordWithoutASpaceAndBlankTokensMakeNoWord() {
        List<DecodedWord> words = TokenWords.merge(List.of(token("Yes", 0.9f, 0, 0.2), token(" ", 0.1f, 0.2, 0.3)));

        assertThat(words).extracting(DecodedWord::text).containsExactly("Yes");
        assertThat(TokenWords.merge(List.of())).isEmpty();
    }
}
