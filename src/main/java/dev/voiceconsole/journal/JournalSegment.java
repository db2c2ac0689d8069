package dev.voiceconsole.journal;

/**
 * One final segment, times in seconds from the start of its entry's audio.
 *
 * @param index 1-based position within the entry
 */
public record JournalSegment(long entryId, int index, double startS, double endS, String text) {}
