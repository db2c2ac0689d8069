package dev.voiceconsole.cli;

import dev.voiceconsole.audio.InvalidAudioException;
import dev.voiceconsole.client.BackpressureTimeoutException;
import dev.voiceconsole.client.IncompatibleWorkerException;
import dev.voiceconsole.client.RecoveryFailedException;
import dev.voiceconsole.client.WorkerFailure;
import dev.voiceconsole.engine.InvalidModelException;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Turns any exception that escapes a command into one readable line and the exit code scripts expect:
 * the user's mistakes and a worker that cannot serve the request (full, lost, incompatible) exit 2 with one line,
 * everything else exits 1 with the details in the log.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ErrorReporter.class);

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        if (isUserMistake(e)) {
            cmd.getErr().println("voice-console: " + reason(e));
            return ExitCodes.BAD_INPUT;
        }
        if (isWorkerUnavailable(e)) {
            log.debug("the worker could not serve the request", e);
            cmd.getErr().println("voice-console: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        if (e instanceof SidecarUnavailableException) {
            cmd.getErr().println("voice-console: " + e.getMessage());
            return ExitCodes.INTERNAL_ERROR;
        }
        log.error("internal error", e);
        cmd.getErr().println("voice-console: internal error: " + e);
        return ExitCodes.INTERNAL_ERROR;
    }

    /** The worker's own sentence, without gRPC's "INVALID_ARGUMENT: " in front of it. */
    private static String reason(Exception e) {
        if (e instanceof StatusRuntimeException sre && sre.getStatus().getDescription() != null) {
            return sre.getStatus().getDescription();
        }
        return e.getMessage();
    }

    private static boolean isWorkerUnavailable(Throwable e) {
        if (e instanceof StatusRuntimeException sre) {
            return WorkerFailure.of(sre).isOperational();
        }
        return e instanceof RecoveryFailedException
                || e instanceof IncompatibleWorkerException
                || e instanceof BackpressureTimeoutException;
    }

    private static boolean isUserMistake(Throwable e) {
        if (e instanceof StatusRuntimeException sre) {
            return WorkerFailure.of(sre).isUserMistake();
        }
        return e instanceof UserInputException
                || e instanceof InvalidModelException
                || e instanceof InvalidAudioException;
    }
}
