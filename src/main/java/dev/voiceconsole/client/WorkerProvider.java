package dev.voiceconsole.client;

import dev.voiceconsole.settings.UiSettings;

/**
 * Starts the voice worker the settings ask for. The UI never builds a worker itself: the composition root
 * ({@code app}) supplies the production provider, tests supply one around a scripted engine.
 */
@FunctionalInterface
public interface WorkerProvider {

    /**
     * Blocking (model load, process start): the UI calls it off the FX thread.
     *
     * @throws Exception with a message a user can act on (bad model file, no sidecar binary, ...)
     */
    WorkerHandle start(UiSettings settings) throws Exception;
}
