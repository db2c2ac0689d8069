package dev.voiceconsole.client;

import io.grpc.StatusRuntimeException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A batch transcription that outlives its worker. A batch session keeps nothing a replay could resume from, so when
 * the worker is lost the whole recording goes again, to the worker that takes over: the one a supervisor puts behind
 * the same channel (announced by {@link WorkerReplacements}), or another worker of a pool ({@link SessionPlacement}).
 */
public final class RecoveringBatch {

    private static final Logger log = LoggerFactory.getLogger(RecoveringBatch.class);

    /** One run of the batch on one worker. */
    @FunctionalInterface
    public interface Run {
        TranscriptionResult on(VoiceWorkerClient worker) throws InterruptedException;
    }

    /** Told when the batch's worker was lost and the recording goes again to the one that takes over. */
    @FunctionalInterface
    public interface Moves {
        void onWorkerLost(String lostWorkerId, Throwable cause);
    }

    private final SessionPlacement placement;
    private final WorkerReplacements replacements;
    private final RecoverySettings settings;
    private final int maxMoves;

    /** @param maxMoves how many lost workers a batch survives */
    public RecoveringBatch(
            SessionPlacement placement, WorkerReplacements replacements, RecoverySettings settings, int maxMoves) {
        this.placement = placement;
        this.replacements = replacements;
        this.settings = settings;
        this.maxMoves = maxMoves;
    }

    public TranscriptionResult run(VoiceWorkerClient first, Run run, Moves moves) throws InterruptedException {
        VoiceWorkerClient worker = first;
        for (int moved = 0; ; moved++) {
            long seen = replacements.count();
            String workerId = worker.health().getWorkerId();
            try {
                return run.on(worker);
            } catch (StatusRuntimeException | IllegalStateException e) {
                if (!WorkerFailure.of(e).isWorkerLost() || moved >= maxMoves) {
                    throw e;
                }
                log.warn(
                        "worker {} lost during a batch ({}); transcribing the recording again",
                        workerId,
                        e.getMessage());
                moves.onWorkerLost(workerId, e);
                worker = takeOver(workerId, seen, e);
            }
        }
    }

    /**
     * The worker that answers in place of the lost one: one the placement names that is not the lost worker going
     * down (a pool may name it while it still answers), or whatever a supervisor put behind the channel since.
     */
    private VoiceWorkerClient takeOver(String lostWorkerId, long seen, RuntimeException cause)
            throws InterruptedException {
        long deadline = System.nanoTime() + settings.recoveryTimeout().toNanos();
        Duration wait = settings.initialRetry();
        while (true) {
            try {
                VoiceWorkerClient next = placement.afterLoss(lostWorkerId);
                if (!next.health().getWorkerId().equals(lostWorkerId) || replacements.count() > seen) {
                    return next;
                }
            } catch (StatusRuntimeException e) {
                log.debug("no worker takes the batch over yet: {}", e.getStatus());
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new RecoveryFailedException(
                        "the worker was lost (" + cause.getMessage() + ") and no worker took "
                                + "the transcription over within " + settings.recoveryTimeout(),
                        cause);
            }
            // A supervisor's replacement ends the wait at once.
            replacements.awaitAfter(seen, Duration.ofNanos(Math.min(wait.toNanos(), left)));
            wait = wait.multipliedBy(2).compareTo(settings.maxRetry()) > 0 ? settings.maxRetry() : wait.multipliedBy(2);
        }
    }
}
