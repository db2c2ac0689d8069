package dev.voiceconsole.journal;

/** A segment that matched a search, with the entry it belongs to. */
public record SearchHit(JournalEntry entry, JournalSegment segment) {}
