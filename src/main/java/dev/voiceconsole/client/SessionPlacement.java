package dev.voiceconsole.client;

/**
 * Where a {@link RecoveringSession} goes when its worker is lost. A single channel behind a supervisor answers with
 * the same client (the supervisor puts a new worker behind it); a pool of remote workers answers with another
 * healthy worker, since the lost one may never come back.
 */
@FunctionalInterface
public interface SessionPlacement {

    /**
     * The client of the worker that takes over a session whose worker was lost.
     *
     * @param lostWorkerId the worker that was lost (a pool prefers any other)
     * @throws io.grpc.StatusRuntimeException UNAVAILABLE when no worker can take the session now (retried)
     */
    VoiceWorkerClient afterLoss(String lostWorkerId);
}
