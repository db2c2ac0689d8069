package dev.voiceconsole.app;

import dev.voiceconsole.client.ClientSettings;
import dev.voiceconsole.client.SessionPlacement;
import dev.voiceconsole.client.VoiceWorkerClient;
import dev.voiceconsole.client.WorkerHandle;
import dev.voiceconsole.client.WorkerPool;
import dev.voiceconsole.client.WorkerProvider;
import dev.voiceconsole.engine.WhisperEngineSettings;
import dev.voiceconsole.settings.UiSettings;
import dev.voiceconsole.settings.WorkerOptions;
import dev.voiceconsole.sidecar.RemoteWorkers;
import dev.voiceconsole.sidecar.SidecarCommandLine;
import dev.voiceconsole.sidecar.SidecarLaunch;
import dev.voiceconsole.sidecar.SidecarSupervisor;
import dev.voiceconsole.sidecar.SidecarToken;
import dev.voiceconsole.sidecar.SupervisorSettings;
import io.grpc.Channel;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The console's production worker. Sidecar mode runs the model in a supervised child process (restarted when it
 * hangs or dies, embedded fallback with the reason when it cannot run); embedded mode runs it in this process;
 * remote mode uses sidecars that run elsewhere, through a {@link WorkerPool}.
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
        if (settings.mode().equals("remote")) {
            return remote(settings.worker());
        }
        Path model = Path.of(settings.model());
        if (!Files.isRegularFile(model)) {
            throw new FileNotFoundException("model file " + model + " does not exist");
        }
        WorkerOptions options = settings.worker();
        WhisperEngineSettings engine =
                WhisperEngineSettings.defaults().withThreads(settings.threads()).withUseGpu(options.gpu());
        return "sidecar".equals(settings.mode())
                ? SidecarSupervisor.start(
                        SidecarLaunch.defaults(sidecarCommandLine, model, settings.threads())
                                .withGpu(options.gpu()),
                        SupervisorSettings.defaults().withMaxRssBytes((long) options.sidecarMaxRssMb() << 20),
                        LocalWorker.starter(model, engine),
                        true,
                        ClientSettings.defaults())
                : LocalWorker.starter(model, engine).start(Optional.empty());
    }

    /** Each dictation goes to the healthiest, least loaded worker, and to another one should that one be lost. */
    private static WorkerHandle remote(WorkerOptions options) throws IOException {
        Optional<String> token = SidecarToken.resolve(
                options.tokenFile().isEmpty() ? null : Path.of(options.tokenFile()),
                System.getenv(SidecarToken.ENV_VAR));
        Optional<Path> ca =
                options.tlsCaFile().isEmpty() ? Optional.empty() : Optional.of(Path.of(options.tlsCaFile()));
        WorkerPool pool = RemoteWorkers.pool(options.remoteTargets(), token, ca);
        WorkerPool.PinnedWorker first;
        try {
            first = pool.place();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new WorkerHandle() {
            @Override
            public Channel channel() {
                return pool.channel(first.target());
            }

            @Override
            public String mode() {
                return "remote (" + first.target() + ")";
            }

            @Override
            public SessionPlacement placement(VoiceWorkerClient client) {
                return pool.placement();
            }

            @Override
            public void close() {
                pool.close();
            }
        };
    }
}
