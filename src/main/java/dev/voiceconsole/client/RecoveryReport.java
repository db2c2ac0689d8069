package dev.voiceconsole.client;

import java.time.Duration;

/**
 * One recovery of a {@link RecoveringSession}.
 *
 * @param number             1 for the first recovery of the session
 * @param lostWorkerId       the worker whose stream broke
 * @param newWorkerId        the worker that took over
 * @param newSessionId       the session on it
 * @param replayFromS        dictation time where the replay began: the end of the last final text (or later, when the
 *                           replay buffer had overflowed)
 * @param replayedSeconds    audio played again into the new worker, including chunks that arrived during recovery
 * @param toNewSession       from detecting the loss to the new session being created
 * @param toCaughtUp         from detecting the loss to all buffered audio being re-sent (live audio flows again)
 */
public record RecoveryReport(
        int number,
        String lostWorkerId,
        String newWorkerId,
        String newSessionId,
        double replayFromS,
        double replayedSeconds,
        Duration toNewSession,
        Duration toCaughtUp) {}
