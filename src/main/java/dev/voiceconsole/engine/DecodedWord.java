package dev.voiceconsole.engine;

/**
 * One word of decoded text, as whisper merges tokens into words: a token whose text starts with a space starts a new
 * word, the tokens after it up to the next such token belong to it.
 *
 * @param text the word as decoded, without its leading space (punctuation attached, as the decoder wrote it)
 * @param startS start, seconds from the beginning of the decoded buffer
 * @param endS end, seconds from the beginning of the decoded buffer
 * @param probability mean probability of the word's tokens, 0..1
 */
public record DecodedWord(String text, double startS, double endS, float probability) {}
