package dev.voiceconsole.app;

import dev.voiceconsole.engine.WhisperEngineSettings;
import dev.voiceconsole.ui.UiSettings;
import dev.voiceconsole.ui.WorkerHandle;
import dev.voiceconsole.ui.WorkerProvider;
import io.grpc.Channel;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The console's production worker: the model runs in this process behind the in-process transport. Sidecar mode
 * is not built yet, so asking for it falls back to embedded and says so in the mode the health panel shows.
 */
public final class LocalWorkerProvider implements WorkerProvider {

    @Override
    public WorkerHandle start(UiSettings settings) throws Exception {
        Path model = Path.of(settings.model());
        if (!Files.isRegularFile(model)) {
            throw new java.io.FileNotFoundException("model file " + model + " does not exist");
        }
        String mode = "sidecar".equals(settings.mode())
                ? "embedded (fallback: sidecar mode is not available in this build)"
                : "embedded";
        LocalWorker worker = LocalWorker.start(model, WhisperEngineSettings.defaults().withThreads(settings.threads()));
        return new WorkerHandle() {
            @Override
            public Channel channel() {
                return worker.channel();
            }

            @Override
            public String modeDescription() {
                return mode;
            }

            @Override
            public void close() {
                worker.close();
            }
        };
    }
}
