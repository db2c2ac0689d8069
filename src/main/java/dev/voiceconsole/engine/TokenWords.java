package dev.voiceconsole.engine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Merges a segment's decoded text tokens into words the way whisper does: a token whose text starts with a space
 * starts a word. Token texts are bytes, joined before decoding, because a token can end inside a multi-byte UTF-8
 * character ("é" split over two tokens).
 */
final class TokenWords {

    /**
     * One text token (special and timestamp tokens are left out by the caller).
     *
     * @param text its bytes, UTF-8 as the vocabulary stores them
     * @param startS start from whisper.cpp's token timestamps, seconds
     * @param endS end, seconds
     */
    @SuppressWarnings("ArrayRecordComponent") // built and read once, inside this package, never compared
    record Token(byte[] text, float probability, double startS, double endS) {}

    private TokenWords() {}

    static List<DecodedWord> merge(List<Token> tokens) {
        List<DecodedWord> words = new ArrayList<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        double start = 0;
        double end = 0;
        double probabilitySum = 0;
        int count = 0;
        for (Token token : tokens) {
            boolean startsWord = token.text().length > 0 && token.text()[0] == ' ';
            if (startsWord && count > 0) {
                add(words, bytes, start, end, probabilitySum / count);
                bytes.reset();
                probabilitySum = 0;
                count = 0;
            }
            if (count == 0) {
                start = token.startS();
            }
            bytes.writeBytes(token.text());
            end = Math.max(end, token.endS());
            probabilitySum += token.probability();
            count++;
        }
        if (count > 0) {
            add(words, bytes, start, end, probabilitySum / count);
        }
        return words;
    }

    private static void add(List<DecodedWord> words, ByteArrayOutputStream bytes, double start, double end, double p) {
        String text = bytes.toString(StandardCharsets.UTF_8).strip();
        if (!text.isEmpty()) {
            words.add(new DecodedWord(text, start, Math.max(start, end), (float) p));
        }
    }
}
