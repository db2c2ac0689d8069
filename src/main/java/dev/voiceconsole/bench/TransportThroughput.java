package dev.voiceconsole.bench;

import dev.voiceconsole.app.LocalWorker;
import dev.voiceconsole.audio.Pcm16;
import dev.voiceconsole.audio.TestSignals;
import dev.voiceconsole.client.ClientSettings;
import dev.voiceconsole.client.StreamListener;
import dev.voiceconsole.client.VoiceWorkerClient;
import dev.voiceconsole.proto.v1.SessionConfig;
import dev.voiceconsole.proto.v1.SessionMode;
import dev.voiceconsole.transport.EmbeddedWorker;
import dev.voiceconsole.transport.WorkerServer;
import dev.voiceconsole.worker.WorkerCore;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Sustained chunks per second of concurrent live sessions over a worker whose engine costs nothing. */
final class TransportThroughput {

    private static final int RATE = 16_000;
    private static final int CHUNK_MS = 20;

    private final int sessions;
    private final double secondsPerSession;

    TransportThroughput(int sessions, double secondsPerSession) {
        this.sessions = sessions;
        this.secondsPerSession = secondsPerSession;
    }

    double inProcessChunksPerSecond() throws Exception {
        try (NullSpeechEngine engine = new NullSpeechEngine();
             EmbeddedWorker worker = EmbeddedWorker.start(LocalWorker.newCore(engine, "embedded"))) {
            return chunksPerSecond(worker.channel());
        }
    }

    double loopbackChunksPerSecond() throws Exception {
        try (NullSpeechEngine engine = new NullSpeechEngine()) {
            WorkerCore core = LocalWorker.newCore(engine, "sidecar");
            try (WorkerServer server = WorkerServer.loopback(0, core).start()) {
                ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
                try {
                    return chunksPerSecond(channel);
                } finally {
                    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** One untimed round first, so the figure is the transport's steady state, not the JIT's first minutes. */
    private double chunksPerSecond(Channel channel) throws Exception {
        timedRound(channel);
        return timedRound(channel);
    }

    private double timedRound(Channel channel) throws Exception {
        byte[] pcm = Pcm16.fromFloat(TestSignals.speechLike(secondsPerSession, RATE, 11));
        long chunksPerSession = (long) Math.ceil(secondsPerSession * 1000 / CHUNK_MS);
        SessionConfig config = SessionConfig.newBuilder().setLanguage("en").setMode(SessionMode.SESSION_MODE_LIVE).build();
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        try (VoiceWorkerClient client = new VoiceWorkerClient(channel, ClientSettings.defaults())) {
            client.connect();
            long start = System.nanoTime();
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                runs.add(pool.submit(() -> client.transcribeLive(pcm, RATE, 1, config, CHUNK_MS, 0, new StreamListener() {
                    @Override
                    public void onEvent(dev.voiceconsole.proto.v1.StreamEvent event) {
                    }
                })));
            }
            for (Future<?> run : runs) {
                run.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return sessions * chunksPerSession / seconds;
        } finally {
            pool.shutdownNow();
        }
    }
}
