package dev.voiceconsole.ui.shell;

import dev.voiceconsole.engine.SpeechEngine;
import dev.voiceconsole.sidecar.SidecarToken;
import dev.voiceconsole.transport.BearerTokenInterceptor;
import dev.voiceconsole.transport.VoiceWorkerGrpcService;
import dev.voiceconsole.worker.ResamplingAudioConverter;
import dev.voiceconsole.worker.WorkerCore;
import dev.voiceconsole.worker.WorkerSettings;
import dev.voiceconsole.worker.policy.ToneWordEngine;
import dev.voiceconsole.worker.policy.TranscriptionPolicies;
import dev.voiceconsole.worker.policy.VoiceActivityDetector;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Worker servers on real loopback sockets with a bearer token, the tone-word engine deciding the words. */
public final class RemoteToneWorkers implements AutoCloseable {

    private final String token = SidecarToken.generate();
    private final List<Server> servers = new ArrayList<>();
    private final List<WorkerCore> cores = new ArrayList<>();
    private final AtomicInteger sessionsCreated = new AtomicInteger();

    public static RemoteToneWorkers start(int count) throws IOException {
        RemoteToneWorkers workers = new RemoteToneWorkers();
        for (int i = 0; i < count; i++) {
            workers.add("remote-" + (i + 1));
        }
        return workers;
    }

    private void add(String id) throws IOException {
        SpeechEngine engine = new ToneWordEngine();
        WorkerCore core = new WorkerCore(
                WorkerSettings.defaults(id, "sidecar", "test"),
                settings -> {
                    sessionsCreated.incrementAndGet();
                    return TranscriptionPolicies.create(settings, engine, VoiceActivityDetector::new);
                },
                ResamplingAudioConverter::new,
                engine.info());
        cores.add(core);
        servers.add(NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .intercept(new BearerTokenInterceptor(token))
                .addService(new VoiceWorkerGrpcService(core))
                .build()
                .start());
    }

    public String token() {
        return token;
    }

    public List<String> targets() {
        return servers.stream().map(s -> "127.0.0.1:" + s.getPort()).toList();
    }

    /** Ends, at once, the server of the worker holding a session: a remote machine that is lost mid-dictation. */
    public String killServing() throws InterruptedException {
        for (int i = 0; i < cores.size(); i++) {
            if (cores.get(i).health().activeSessions() > 0) {
                String target = targets().get(i);
                servers.get(i).shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                return target;
            }
        }
        throw new IllegalStateException("no worker holds a session");
    }

    public int sessionsCreated() {
        return sessionsCreated.get();
    }

    @Override
    public void close() throws InterruptedException {
        for (Server s : servers) {
            s.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        cores.forEach(WorkerCore::close);
    }
}
