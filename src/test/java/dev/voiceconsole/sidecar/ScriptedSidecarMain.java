package dev.voiceconsole.sidecar;

import dev.voiceconsole.contract.ProtocolVersion;
import dev.voiceconsole.engine.SpeechEngine;
import dev.voiceconsole.proto.v1.GetHealthRequest;
import dev.voiceconsole.proto.v1.HealthResponse;
import dev.voiceconsole.proto.v1.ServingState;
import dev.voiceconsole.proto.v1.VoiceWorkerGrpc;
import dev.voiceconsole.transport.BearerTokenInterceptor;
import dev.voiceconsole.transport.ListenEndpoint;
import dev.voiceconsole.worker.ResamplingAudioConverter;
import dev.voiceconsole.worker.WorkerCore;
import dev.voiceconsole.worker.WorkerSettings;
import dev.voiceconsole.worker.policy.ToneWordEngine;
import dev.voiceconsole.worker.policy.TranscriptionPolicies;
import dev.voiceconsole.worker.policy.VoiceActivityDetector;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * A sidecar child process for tests: the real {@link SidecarServer} (sockets, token, signals, drain) over the real
 * worker, VAD and live policy, with the tone-word engine in place of whisper so that drained sessions have words to
 * deliver and start-up takes no model load. {@code -Dscripted.behaviour=} makes it misbehave the ways a supervisor
 * must survive. It takes the same arguments the supervisor gives the real {@code sidecar} command.
 */
public final class ScriptedSidecarMain {

    private ScriptedSidecarMain() {}

    public static void main(String[] args) throws Exception {
        String behaviour = System.getProperty("scripted.behaviour", "serve");
        List<String> argv = List.of(args);
        long drainMs = Long.parseLong(argv.get(argv.indexOf("--drain-ms") + 1));
        String token = System.getenv(SidecarToken.ENV_VAR);
        ListenEndpoint endpoint = ListenEndpoint.of("127.0.0.1", 0, Optional.empty());
        switch (behaviour) {
            case "never-ready" -> new CountDownLatch(1).await();
            case "protocol-99", "other-worker" -> serveImpostor(endpoint, token, behaviour);
            default -> serve(endpoint, token, drainMs, behaviour, argv.contains("--exit-with-parent"));
        }
    }

    private static void serve(
            ListenEndpoint endpoint, String token, long drainMs, String behaviour, boolean exitWithParent)
            throws Exception {
        SpeechEngine engine = new ToneWordEngine();
        WorkerCore core = new WorkerCore(
                WorkerSettings.defaults("scripted-" + ProcessHandle.current().pid(), "sidecar", "test"),
                settings -> TranscriptionPolicies.create(settings, engine, VoiceActivityDetector::new),
                ResamplingAudioConverter::new,
                engine.info());
        List<ServerInterceptor> interceptors = switch (behaviour) {
            case "overloaded" ->
                List.of(new OnHealthCheck(call ->
                        call.close(Status.RESOURCE_EXHAUSTED.withDescription("scripted: no room"), new Metadata())));
            // The supervisor checks health only once it has connected: this is a sidecar that dies in service, not
            // at start, whatever the machine's load.
            case "crash-at-first-health-check" ->
                List.of(new OnHealthCheck(call -> Runtime.getRuntime().halt(70)));
            default -> List.of();
        };
        SidecarServer server = SidecarServer.start(
                new SidecarServer.Options(endpoint, token, Duration.ofMillis(drainMs), interceptors), core);
        if (behaviour.equals("ignore-term")) {
            TerminationSignals.handle("TERM", () -> System.err.println("ignoring SIGTERM"));
        } else {
            server.stopOnTermination();
        }
        if (exitWithParent) {
            server.stopWhenParentExits();
        }
        System.out.println("a line before the ready line is not the ready line");
        System.out.println(server.readyLine().toJson());
        System.out.flush();
        if (behaviour.equals("leak")) {
            leak(Integer.getInteger("scripted.leakMb", 96));
        }
        server.awaitStopped();
        System.exit(0);
    }

    /** Answers every standard health check (the supervisor's) its own way instead of the health service. */
    private static final class OnHealthCheck implements ServerInterceptor {
        private final Consumer<ServerCall<?, ?>> answer;

        OnHealthCheck(Consumer<ServerCall<?, ?>> answer) {
            this.answer = answer;
        }

        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(
                ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            if (!call.getMethodDescriptor()
                    .getFullMethodName()
                    .equals(HealthGrpc.getCheckMethod().getFullMethodName())) {
                return next.startCall(call, headers);
            }
            answer.accept(call);
            return new ServerCall.Listener<>() {};
        }
    }

    /** Grows the resident memory by {@code mb} over a second or so, as a slow native leak would. */
    @SuppressWarnings("ModifiedButNotUsed") // held, never read: that is the leak
    private static void leak(int mb) {
        List<byte[]> kept = new java.util.ArrayList<>();
        Thread t = new Thread(
                () -> {
                    for (int i = 0; i < mb; i++) {
                        byte[] block = new byte[1 << 20];
                        java.util.Arrays.fill(block, (byte) 1); // touched, so it is resident
                        kept.add(block);
                        try {
                            Thread.sleep(10); // growth over time, not a synchronization
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "leak");
        t.setDaemon(true);
        t.start();
    }

    /** Something that answers on the port but is not the worker the supervisor expects. */
    private static void serveImpostor(ListenEndpoint endpoint, String token, String behaviour) throws Exception {
        int protocol = behaviour.equals("protocol-99") ? 99 : ProtocolVersion.CURRENT;
        Server server = endpoint.serverBuilder()
                .intercept(new BearerTokenInterceptor(token))
                .addService(new VoiceWorkerGrpc.VoiceWorkerImplBase() {
                    @Override
                    public void getHealth(GetHealthRequest request, StreamObserver<HealthResponse> response) {
                        response.onNext(HealthResponse.newBuilder()
                                .setWorkerId("impostor")
                                .setProtocolVersion(protocol)
                                .setState(ServingState.SERVING)
                                .setMode("sidecar")
                                .build());
                        response.onCompleted();
                    }
                })
                .build()
                .start();
        String claimed = behaviour.equals("other-worker") ? "the-expected-one" : "impostor";
        System.out.println(new ReadyLine(
                        server.getPort(), ProcessHandle.current().pid(), true, false, claimed, ProtocolVersion.CURRENT)
                .toJson());
        System.out.flush();
        server.awaitTermination();
    }
}
