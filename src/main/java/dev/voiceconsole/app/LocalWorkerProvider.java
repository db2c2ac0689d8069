package dev.voiceconsole.app;

import dev.voiceconsole.client.ClientSettings;
import dev.voiceconsole.client.WorkerReplacements;
import dev.voiceconsole.engine.WhisperEngineSettings;
import dev.voiceconsole.sidecar.SidecarCommandLine;
import dev.voiceconsole.sidecar.SidecarLaunch;
import dev.voiceconsole.sidecar.SidecarSupervisor;
import dev.voiceconsole.sidecar.SupervisorSettings;
import dev.voiceconsole.sidecar.WorkerConnection;
import dev.voiceconsole.ui.UiSettings;
import dev.voiceconsole.ui.WorkerHandle;
import dev.voiceconsole.ui.WorkerProvider;
import io.grpc.Channel;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The console's production worker. Sidecar mode runs the model in a supervised child process (restarted when it
 * hangs or dies, embedded fallback with the reason when it cannot run); embedded mode runs it in this process.
 */
public final class LocalWorkerProvider implements WorkerProvider {

    private final SidecarCommandLine sidecarCommandLine;

    /** Sidecars run on this app's own runtime and class path. */
    public LocalWorkerProvider() {
        this(SidecarCommandLine.ofRunningApp());
    }

    public LocalWorkerProvider(SidecarCommandLine sidecarCommandLine) {
        this.sidecarCommandLine = sidecarCommandLine;
    }

    @Override
    public WorkerHandle start(UiSettings settings) throws Exception {
        Path model = Path.of(settings.model());
        if (!Files.isRegularFile(model)) {
            throw new FileNotFoundException("model file " + model + " does not exist");
        }
        WhisperEngineSettings engine = WhisperEngineSettings.defaults().withThreads(settings.threads());
        WorkerConnection worker = "sidecar".equals(settings.mode())
                ? SidecarSupervisor.start(SidecarLaunch.defaults(sidecarCommandLine, model, settings.threads()),
                        SupervisorSettings.defaults(), LocalWorker.starter(model, engine), true, ClientSettings.defaults())
                : LocalWorker.starter(model, engine).start(Optional.empty());
        return new WorkerHandle() {
            @Override
            public Channel channel() {
                return worker.channel();
            }

            @Override
            public String modeDescription() {
                return worker.mode();
            }

            @Override
            public WorkerReplacements replacements() {
                return worker.replacements();
            }

            @Override
            public void close() {
                worker.close();
            }
        };
    }
}
