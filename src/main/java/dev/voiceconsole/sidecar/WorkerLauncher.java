package dev.voiceconsole.sidecar;

import dev.voiceconsole.client.ClientSettings;
import dev.voiceconsole.client.WorkerHandle;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings up the worker in the asked-for mode. A sidecar that cannot be used (runtime missing, start failed, not
 * ready in time, incompatible) is replaced by the embedded worker, with a warning and the reason in its mode,
 * unless fallback is off: then the caller gets the {@link SidecarStartException}.
 */
public final class WorkerLauncher {

    private static final Logger log = LoggerFactory.getLogger(WorkerLauncher.class);

    public enum Mode {
        EMBEDDED,
        SIDECAR;

        /** {@code embedded} or {@code sidecar}, as users type it. */
        public static Mode parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown mode '" + text + "' (use embedded or sidecar)", e);
            }
        }
    }

    private final SidecarLaunch sidecar;
    private final EmbeddedWorkerStarter embedded;
    private final boolean fallbackToEmbedded;
    private final ClientSettings clientSettings;

    public WorkerLauncher(
            SidecarLaunch sidecar,
            EmbeddedWorkerStarter embedded,
            boolean fallbackToEmbedded,
            ClientSettings clientSettings) {
        this.sidecar = Objects.requireNonNull(sidecar, "sidecar");
        this.embedded = Objects.requireNonNull(embedded, "embedded");
        this.fallbackToEmbedded = fallbackToEmbedded;
        this.clientSettings = Objects.requireNonNull(clientSettings, "clientSettings");
    }

    /**
     * Starts the worker of the given mode; a sidecar that cannot be used is replaced by the embedded worker when
     * fallback is on.
     *
     * @throws SidecarStartException only when fallback is off
     * @throws Exception             whatever the embedded worker's start throws (e.g. an invalid model)
     */
    public WorkerHandle launch(Mode mode) throws Exception {
        if (mode == Mode.EMBEDDED) {
            return embedded.start(Optional.empty());
        }
        try {
            return SidecarConnection.connect(SidecarProcess.start(sidecar), clientSettings);
        } catch (SidecarStartException e) {
            if (!fallbackToEmbedded) {
                throw e;
            }
            log.warn("sidecar unavailable ({}): {}; falling back to the embedded worker", e.cause(), e.getMessage());
            return embedded.start(Optional.of(e.reason()));
        }
    }
}
