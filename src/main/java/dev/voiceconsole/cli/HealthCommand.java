package dev.voiceconsole.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.util.JsonFormat;
import dev.voiceconsole.client.WorkerFailure;
import dev.voiceconsole.proto.v1.GetHealthRequest;
import dev.voiceconsole.proto.v1.HealthResponse;
import dev.voiceconsole.proto.v1.VoiceWorkerGrpc;
import dev.voiceconsole.sidecar.SidecarToken;
import dev.voiceconsole.sidecar.WorkerChannels;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code health --target HOST:PORT}: a worker's health as JSON, with an exit code scripts and probes can use. */
@Command(
        name = "health",
        mixinStandardHelpOptions = true,
        description = {
            "Ask a running worker for its health and print it as JSON.",
            "The bearer token comes from $" + SidecarToken.ENV_VAR + " or --token-file.",
            "Exit codes: 0 SERVING, " + ExitCodes.DEGRADED + " DEGRADED (at capacity),",
            ExitCodes.NOT_SERVING + " NOT_SERVING, unreachable or refused."
        })
final class HealthCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--target", required = true, paramLabel = "HOST:PORT", description = "the worker's address")
    String target;

    @Mixin
    TokenFileOption tokenFile;

    @Option(names = "--tls-ca", paramLabel = "PEM", description = "connect with TLS, trusting this certificate")
    Path tlsCa;

    @Option(
            names = "--timeout-ms",
            defaultValue = "5000",
            paramLabel = "MS",
            description = "how long to wait for the answer (default: ${DEFAULT-VALUE})")
    long timeoutMs;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!target.matches(".+:\\d{1,5}")) {
            throw new UserInputException("--target must be HOST:PORT, was '" + target + "'");
        }
        Optional<String> token = tokenFile.token();
        ManagedChannel channel = WorkerChannels.open(target, token, CliInputs.tlsCa(tlsCa));
        try {
            HealthResponse health = VoiceWorkerGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS)
                    .getHealth(GetHealthRequest.getDefaultInstance());
            ObjectNode json = JSON.createObjectNode();
            json.put("target", target);
            json.setAll((ObjectNode) JSON.readTree(JsonFormat.printer()
                    .alwaysPrintFieldsWithNoPresence()
                    .preservingProtoFieldNames()
                    .omittingInsignificantWhitespace()
                    .print(health)));
            print(json);
            return switch (health.getState()) {
                case SERVING -> ExitCodes.OK;
                case DEGRADED -> ExitCodes.DEGRADED;
                default -> ExitCodes.NOT_SERVING;
            };
        } catch (StatusRuntimeException e) {
            ObjectNode json = JSON.createObjectNode();
            json.put("target", target);
            json.put("state", WorkerFailure.of(e).healthState());
            json.put("status", e.getStatus().getCode().name());
            json.put("error", String.valueOf(e.getStatus().getDescription()));
            print(json);
            return ExitCodes.NOT_SERVING;
        } finally {
            channel.shutdownNow();
        }
    }

    private void print(ObjectNode json) {
        spec.commandLine().getOut().println(json.toString());
        spec.commandLine().getOut().flush();
    }
}
