package dev.voiceconsole.bench;

import dev.voiceconsole.app.LocalWorker;
import dev.voiceconsole.audio.Pcm16;
import dev.voiceconsole.audio.TestSignals;
import dev.voiceconsole.client.ClientSettings;
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
                ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port())
                        .usePlaintext()
                        .build();
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
        byte[] pcm = Pcm16.fromFloat(TestSignals.speechLike(secondsPerSession, RATE, 11));
        onWorker(sessions, channel, pcm, RATE);
        return onWorker(sessions, channel, pcm, RATE);
    }

    /**
     * {@code sessions} concurrent sessions, each streaming {@code pcm} as fast as the worker behind {@code channel}
     * takes it: chunks per second through to the last final of every session. A chunk is 20 ms, so with a real engine
     * this divided by 50 is how many real-time streams the worker keeps up with.
     */
    static double onWorker(int sessions, Channel channel, byte[] pcm, int rateHz) throws Exception {
        long chunksPerSession = (long) Math.ceil(pcm.length / 2.0 / rateHz * 1000 / CHUNK_MS);
        SessionConfig config = SessionConfig.newBuilder()
                .setLanguage("en")
                .setMode(SessionMode.SESSION_MODE_LIVE)
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        try (VoiceWorkerClient client = new VoiceWorkerClient(channel, ClientSettings.defaults())) {
            client.connect();
            long start = System.nanoTime();
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                // transcribeLive returns once the session's last final has arrived: the time covers decoding too.
                runs.add(pool.submit(() -> client.transcribeLive(pcm, rateHz, 1, config, CHUNK_MS, 0, event -> {})));
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
