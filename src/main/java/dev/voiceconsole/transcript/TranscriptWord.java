package dev.voiceconsole.transcript;

/** One word of a transcript segment, with where it was heard and how sure the decoder was (0..1). */
public record TranscriptWord(String text, double startS, double endS, float probability) {}
