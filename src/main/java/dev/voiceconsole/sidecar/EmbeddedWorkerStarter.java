package dev.voiceconsole.sidecar;

import dev.voiceconsole.client.WorkerHandle;
import java.util.Optional;

/** Starts the in-process worker; the app wires it (engine, policies), so this package needs none of them. */
@FunctionalInterface
public interface EmbeddedWorkerStarter {

    /**
     * Starts the in-process worker and returns the handle its clients connect through.
     *
     * @param fallbackReason present when the embedded worker stands in for a sidecar that could not be used; the
     *                       worker should report {@link WorkerHandle#fallbackMode} as its mode
     */
    WorkerHandle start(Optional<String> fallbackReason) throws Exception;
}
