package dev.voiceconsole.journal;

import java.time.Instant;
import java.util.Optional;

/**
 * One dictation or transcribed file as the journal keeps it.
 *
 * @param ended    empty while the dictation runs, and forever when the app died during it
 * @param source   "microphone", a device name, or the transcribed file's name
 * @param segments final segments recorded so far
 */
public record JournalEntry(
        long id, Instant started, Optional<Instant> ended, String source, String model, String mode, int segments) {}
