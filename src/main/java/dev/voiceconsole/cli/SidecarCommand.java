package dev.voiceconsole.cli;

import dev.voiceconsole.app.LocalWorker;
import dev.voiceconsole.app.SoftwareVersion;
import dev.voiceconsole.engine.EngineInfo;
import dev.voiceconsole.engine.WhisperEngine;
import dev.voiceconsole.metrics.FailedCallInterceptor;
import dev.voiceconsole.metrics.MetricsEndpoint;
import dev.voiceconsole.metrics.MetricsPortInUseException;
import dev.voiceconsole.metrics.MetricsServer;
import dev.voiceconsole.metrics.PrometheusWorkerMetrics;
import dev.voiceconsole.sidecar.PortInUseException;
import dev.voiceconsole.sidecar.ReadyLine;
import dev.voiceconsole.sidecar.SidecarServer;
import dev.voiceconsole.sidecar.SidecarToken;
import dev.voiceconsole.transport.ListenEndpoint;
import dev.voiceconsole.transport.TlsFiles;
import dev.voiceconsole.worker.WorkerCore;
import dev.voiceconsole.worker.WorkerMetrics;
import io.grpc.ServerInterceptor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sidecar --model PATH}: the worker as its own process, so a native crash cannot take the app down.
 * Prints exactly one JSON ready line on stdout when the model is loaded; logs go to stderr.
 */
@Command(
        name = "sidecar",
        mixinStandardHelpOptions = true,
        description = {
            "Run the voice worker as a gRPC server (loopback by default).",
            "Prints one JSON line {\"event\":\"ready\",…} on stdout once the model is loaded.",
            "Every call needs 'authorization: Bearer <token>'; the token comes from",
            "$" + SidecarToken.ENV_VAR + " or --token-file. --metrics-port serves Prometheus metrics",
            "on http://127.0.0.1:PORT/metrics (no token).",
            "SIGTERM drains open sessions (their final text is delivered) and exits 0.",
            "Exit codes: 0 stopped, 1 internal error, 2 bad input,",
            ExitCodes.PORT_IN_USE + " port (or metrics port) in use."
        })
final class SidecarCommand implements Callable<Integer> {

    @Option(
            names = "--model",
            required = true,
            paramLabel = "PATH",
            description = {"whisper.cpp ggml model file, or the name of one in", "the user's model directory"})
    String model;

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            paramLabel = "HOST",
            description = {"address to listen on (default: ${DEFAULT-VALUE});", "any other than loopback needs TLS"})
    String host;

    @Option(
            names = "--port",
            defaultValue = "0",
            paramLabel = "PORT",
            description = "port (default: 0 = a free one, see the ready line)")
    int port;

    @Mixin
    EngineOptions engineOptions;

    @Mixin
    TokenFileOption tokenFile;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "server certificate chain (PEM)")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "server private key (PKCS#8 PEM)")
    Path tlsKey;

    @Option(
            names = "--drain-ms",
            defaultValue = "10000",
            paramLabel = "MS",
            description = {
                "on SIGTERM, how long open sessions get to deliver",
                "their final text (default: ${DEFAULT-VALUE})"
            })
    long drainMs;

    @Option(
            names = "--metrics-port",
            paramLabel = "PORT",
            description = {
                "serve Prometheus metrics on this port (0 = pick a",
                "free one, see \"metrics_port\" in the ready line);",
                "no metrics endpoint without it"
            })
    Integer metricsPort;

    @Option(
            names = "--metrics-host",
            paramLabel = "HOST",
            description = {
                "address of the metrics endpoint",
                "(default: " + MetricsEndpoint.DEFAULT_HOST + "); it has no token and no TLS,",
                "so name another address only on purpose"
            })
    String metricsHost;

    @Option(
            names = "--exit-with-parent",
            description = {"stop (with the drain) when the process that started", "this one exits; supervisors pass it"
            })
    boolean exitWithParent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // First of all: until the server takes SIGTERM over there is nothing to drain, and a supervisor that stops
        // a sidecar still reading its token or loading its model must see exit 0, not the JVM's 143.
        SidecarServer.exitOnTerminationWhileStarting();
        String token = tokenFile
                .token()
                .orElseThrow(() -> new UserInputException("no bearer token: set " + SidecarToken.ENV_VAR
                        + " or pass --token-file " + "(never on the command line, where other users can read it)"));
        if (drainMs < 0) {
            throw new UserInputException("--drain-ms must not be negative, was " + drainMs);
        }
        ListenEndpoint endpoint = endpoint();
        Optional<MetricsEndpoint> metricsEndpoint = metricsEndpoint();
        try {
            SidecarServer.requirePortFree(endpoint.address());
            if (metricsEndpoint.isPresent()) {
                MetricsServer.requirePortFree(metricsEndpoint.get());
            }
        } catch (PortInUseException | MetricsPortInUseException e) {
            return portInUse(e);
        }
        Path modelFile = CliInputs.requireModel(model);
        WhisperEngine engine = WhisperEngine.load(modelFile, engineOptions.settings());
        String workerId = LocalWorker.newWorkerId("sidecar");
        MetricsServer metricsServer = null;
        SidecarServer server;
        try {
            List<ServerInterceptor> interceptors = new ArrayList<>();
            WorkerCore core;
            if (metricsEndpoint.isPresent()) {
                PrometheusWorkerMetrics metrics = newMetrics(workerId, engine.info());
                metricsServer = MetricsServer.start(metricsEndpoint.get(), metrics.registry());
                interceptors.add(new FailedCallInterceptor(metrics));
                core = LocalWorker.newCore(engine, "sidecar", workerId, metrics);
                metrics.observeAudio(core::bufferedBytes, core::heldAudioBytes);
            } else {
                core = LocalWorker.newCore(engine, "sidecar", workerId, WorkerMetrics.NONE);
            }
            AutoCloseable[] closeAfterStop = metricsServer == null
                    ? new AutoCloseable[] {engine}
                    : new AutoCloseable[] {engine, metricsServer}; // metrics stay up until the drain is over
            server = SidecarServer.start(
                    new SidecarServer.Options(endpoint, token, Duration.ofMillis(drainMs), interceptors),
                    core,
                    closeAfterStop);
        } catch (PortInUseException | MetricsPortInUseException e) {
            closeQuietly(metricsServer);
            engine.close();
            return portInUse(e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(metricsServer);
            engine.close();
            throw e;
        }
        server.stopOnTermination();
        if (exitWithParent) {
            server.stopWhenParentExits();
        }
        ReadyLine ready = server.readyLine();
        if (metricsServer != null) {
            ready = ready.withMetricsPort(metricsServer.port());
        }
        spec.commandLine().getOut().println(ready.toJson());
        spec.commandLine().getOut().flush();
        server.awaitStopped();
        return ExitCodes.OK;
    }

    private ListenEndpoint endpoint() {
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new UserInputException("--tls-cert and --tls-key go together");
        }
        if (tlsCert != null) {
            // Read as the transport will, before the model load: a bad file is one line, not a trace after it.
            TlsFileCheck.requireCertificates("--tls-cert", tlsCert);
            TlsFileCheck.requirePrivateKey("--tls-key", tlsKey);
        }
        Optional<TlsFiles> tls = tlsCert == null ? Optional.empty() : Optional.of(new TlsFiles(tlsCert, tlsKey));
        try {
            return ListenEndpoint.of(host, port, tls);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }

    private Optional<MetricsEndpoint> metricsEndpoint() {
        if (metricsPort == null) {
            if (metricsHost != null) {
                throw new UserInputException("--metrics-host needs --metrics-port");
            }
            return Optional.empty();
        }
        try {
            return Optional.of(
                    MetricsEndpoint.of(metricsHost == null ? MetricsEndpoint.DEFAULT_HOST : metricsHost, metricsPort));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }

    private static PrometheusWorkerMetrics newMetrics(String workerId, EngineInfo engine) {
        return new PrometheusWorkerMetrics(workerId)
                .withJvmMetrics()
                .describeWorker("sidecar", SoftwareVersion.current(), engine.modelName(), engine.backendKind());
    }

    private static void closeQuietly(MetricsServer server) {
        if (server != null) {
            server.close();
        }
    }

    private int portInUse(Exception e) {
        spec.commandLine().getErr().println("voice-console: " + e.getMessage());
        return ExitCodes.PORT_IN_USE;
    }
}
