package dev.voiceconsole.client;

import dev.voiceconsole.proto.v1.CreateSessionResponse;
import dev.voiceconsole.proto.v1.SessionConfig;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a worker to carry a dictation whose worker was lost: asks the placement for a client, creates a session
 * with the dictation's configuration, and retries with back-off while the failures are ones that pass (a sidecar
 * still restarting, a full worker), until a deadline. A supervisor's announced replacement ends a wait at once.
 */
final class Reconnector {

    private static final Logger log = LoggerFactory.getLogger(Reconnector.class);

    /** The new session and the client it lives on. */
    record Reconnected(VoiceWorkerClient client, CreateSessionResponse created) {}

    private final SessionPlacement placement;
    private final SessionConfig config;
    private final WorkerReplacements replacements;
    private final RecoverySettings settings;

    Reconnector(
            SessionPlacement placement,
            SessionConfig config,
            WorkerReplacements replacements,
            RecoverySettings settings) {
        this.placement = placement;
        this.config = config;
        this.replacements = replacements;
        this.settings = settings;
    }

    /**
     * @param lostAtNanos  when the loss was seen ({@link System#nanoTime()}): the recovery timeout counts from it
     * @param stillWanted  asked before every attempt; false (the dictation was closed, or lost again) ends the search
     * @return the new session, or empty when no longer wanted or interrupted
     * @throws RecoveryFailedException when a worker refuses the session for good, cannot be used, or none took it
     *                                 within the recovery timeout
     */
    Optional<Reconnected> reconnect(
            String lostWorkerId, Throwable cause, long lostAtNanos, BooleanSupplier stillWanted) {
        long deadline = lostAtNanos + settings.recoveryTimeout().toNanos();
        Backoff backoff = settings.retryBackoff();
        for (int attempt = 1; ; attempt++) {
            if (!stillWanted.getAsBoolean()) {
                return Optional.empty();
            }
            long seen = replacements.count();
            try {
                VoiceWorkerClient target = placement.afterLoss(lostWorkerId);
                return Optional.of(new Reconnected(target, target.createSession(config)));
            } catch (StatusRuntimeException e) {
                WorkerFailure failure = WorkerFailure.of(e);
                if (!failure.isRetryable()) {
                    throw new RecoveryFailedException(
                            "the worker was lost (" + WorkerFailure.of(cause).technical()
                                    + ") and its replacement refused the session: " + failure.technical(),
                            e);
                }
                log.debug("no worker takes the session yet: {}", failure.technical());
            } catch (RuntimeException e) {
                throw new RecoveryFailedException(
                        "the worker was lost (" + WorkerFailure.of(cause).technical()
                                + ") and its replacement cannot be used: " + e.getMessage(),
                        e);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new RecoveryFailedException(
                        "the worker was lost (" + WorkerFailure.of(cause).technical()
                                + ") and no worker took the dictation over within " + settings.recoveryTimeout(),
                        cause);
            }
            try {
                // Wait for a worker newer than the one just tried; a supervisor's restart ends the wait at once.
                replacements.awaitAfter(
                        seen, Duration.ofNanos(Math.min(backoff.delay(attempt).toNanos(), left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }
}
