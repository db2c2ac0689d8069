package dev.voiceconsole.sidecar;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Lets a sidecar answer SIGTERM (and Ctrl-C) with a graceful drain and exit code 0. The JVM's default handling
 * would run shutdown hooks and exit 143, which a supervisor cannot tell from a crash; so the signal is caught here
 * and the caller's main thread returns normally.
 */
final class TerminationSignals {

    private static final Logger log = LoggerFactory.getLogger(TerminationSignals.class);

    private TerminationSignals() {}

    /** @return whether the handlers are installed; when not, only a shutdown hook remains (exit code 143) */
    static boolean onTerminate(Runnable action) {
        try {
            for (String name : new String[] {"TERM", "INT"}) {
                Signal.handle(new Signal(name), signal -> {
                    log.info("SIG{} received: draining", signal.getName());
                    // Signal handlers run on a dedicated thread; do the slow drain elsewhere so a second signal is not
                    // queued behind it.
                    Thread drain = new Thread(action, "sidecar-drain");
                    drain.start();
                });
            }
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            log.warn("cannot handle termination signals ({}); relying on the shutdown hook", e.toString());
            return false;
        }
    }
}
