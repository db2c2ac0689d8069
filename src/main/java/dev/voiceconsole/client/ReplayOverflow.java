package dev.voiceconsole.client;

/**
 * Uncommitted audio {@code [droppedFromS, droppedToS)} (dictation time) left the full replay buffer: if the worker
 * is lost before that audio becomes final text, it cannot be replayed.
 *
 * @param speechPossiblyLost false only when the worker reported no speech since its last final text, i.e. the
 *                           dropped audio was silence as far as its voice detector had told
 */
public record ReplayOverflow(double droppedFromS, double droppedToS, boolean speechPossiblyLost) {}
