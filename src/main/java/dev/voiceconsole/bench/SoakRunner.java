package dev.voiceconsole.bench;

import dev.voiceconsole.audio.Pcm16;
import dev.voiceconsole.audio.TestSignals;
import dev.voiceconsole.client.ClientSettings;
import dev.voiceconsole.client.StreamListener;
import dev.voiceconsole.client.TranscriptionResult;
import dev.voiceconsole.client.VoiceWorkerClient;
import dev.voiceconsole.proto.v1.HealthResponse;
import dev.voiceconsole.proto.v1.SessionConfig;
import dev.voiceconsole.proto.v1.SessionMode;
import dev.voiceconsole.proto.v1.StreamEvent;
import dev.voiceconsole.sidecar.SidecarCommandLine;
import dev.voiceconsole.sidecar.SidecarConnection;
import dev.voiceconsole.sidecar.SidecarLaunch;
import dev.voiceconsole.sidecar.SidecarProcess;
import io.grpc.Channel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bench --soak}: N live sessions at real time against one sidecar for a given time, its resident memory and
 * heap sampled from health, reported as figures with their growth per hour after a warm-up. The sessions loop over
 * a speech-like recording, one session per recording pass, so creation and release are soaked too.
 *
 * <p>Threads: one per session (each streams at real time) and the caller's, which samples health.
 */
public final class SoakRunner {

    private static final Logger log = LoggerFactory.getLogger(SoakRunner.class);
    private static final int RATE = 16_000;
    private static final int CHUNK_MS = 20;
    /** One pass of a session: long enough to hold several utterances, short enough to end soon after the deadline. */
    private static final int PASS_SECONDS = 20;

    /** What to soak. */
    public record Settings(Path model, Integer threads, Duration length, int sessions) {
        public Settings {
            if (length.isNegative() || length.isZero()) {
                throw new IllegalArgumentException("soak length must be positive, was " + length);
            }
            if (sessions < 1) {
                throw new IllegalArgumentException("soak sessions must be at least 1, was " + sessions);
            }
        }

        /** Samples are taken about 30 times over the run, at most every 10 s, at least every second. */
        Duration sampleEvery() {
            long ms = Math.max(1_000, Math.min(10_000, length.toMillis() / 30));
            return Duration.ofMillis(ms);
        }

        /** The first fifth of the run (at most 2 minutes) is warm-up: class loading, JIT, pools filling. */
        Duration warmUp() {
            return Duration.ofMillis(Math.min(120_000, length.toMillis() / 5));
        }
    }

    private final Settings settings;

    public SoakRunner(Settings settings) {
        this.settings = settings;
    }

    /**
     * Starts a sidecar, soaks it for the configured length and returns the figures; the sidecar is stopped after.
     *
     * @param progress gets a line per sample
     */
    public BenchFigures run(Consumer<String> progress) throws Exception {
        SidecarProcess process = SidecarProcess.start(
                SidecarLaunch.defaults(SidecarCommandLine.ofRunningApp(), settings.model(), settings.threads()));
        try (SidecarConnection sidecar = SidecarConnection.connect(process, ClientSettings.defaults());
                VoiceWorkerClient health = new VoiceWorkerClient(sidecar.channel(), ClientSettings.defaults())) {
            return soak(sidecar.channel(), health, progress);
        }
    }

    private BenchFigures soak(Channel channel, VoiceWorkerClient health, Consumer<String> progress) throws Exception {
        byte[] pcm = Pcm16.fromFloat(TestSignals.speechLike(PASS_SECONDS, RATE, 21));
        long startNanos = System.nanoTime();
        long deadline = startNanos + settings.length().toNanos();
        AtomicLong chunks = new AtomicLong();
        AtomicLong finals = new AtomicLong();
        AtomicLong errorEvents = new AtomicLong();
        AtomicLong passes = new AtomicLong();
        List<Double> p99s = new CopyOnWriteArrayList<>();
        List<Double> p50s = new CopyOnWriteArrayList<>();
        ExecutorService sessions = Executors.newFixedThreadPool(settings.sessions(), r -> {
            Thread t = new Thread(r, "soak-session");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < settings.sessions(); i++) {
            running.add(sessions.submit(() -> {
                try (VoiceWorkerClient client = new VoiceWorkerClient(channel, ClientSettings.defaults())) {
                    SessionConfig config = SessionConfig.newBuilder()
                            .setLanguage("en")
                            .setMode(SessionMode.SESSION_MODE_LIVE)
                            .build();
                    StreamListener counter = (StreamEvent e) -> {
                        if (e.hasFinal()) {
                            finals.incrementAndGet();
                        } else if (e.hasError()) {
                            errorEvents.incrementAndGet();
                        }
                    };
                    while (System.nanoTime() < deadline) {
                        TranscriptionResult r = client.transcribeLive(pcm, RATE, 1, config, CHUNK_MS, 1.0, counter);
                        chunks.addAndGet(r.roundTrips().count());
                        p50s.add(r.roundTrips().p50Ms());
                        p99s.add(r.roundTrips().p99Ms());
                        passes.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        List<MemoryTrend.Sample> rss = new ArrayList<>();
        List<MemoryTrend.Sample> heap = new ArrayList<>();
        long every = settings.sampleEvery().toNanos();
        long warmUpEnd = startNanos + settings.warmUp().toNanos();
        try {
            for (long next = startNanos; next < deadline; next += every) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.TimeUnit.NANOSECONDS.sleep(wait); // the sampling clock, not synchronization
                }
                HealthResponse h = health.health();
                double atS = (System.nanoTime() - startNanos) / 1e9;
                progress.accept(String.format(
                        java.util.Locale.ROOT,
                        "%6.0f s  rss %.1f MiB  heap %.1f MiB  %d/%d sessions",
                        atS,
                        h.getProcessRssBytes() / 1048576.0,
                        h.getHeapUsedBytes() / 1048576.0,
                        h.getActiveSessions(),
                        h.getMaxSessions()));
                if (System.nanoTime() >= warmUpEnd) {
                    rss.add(new MemoryTrend.Sample(atS, h.getProcessRssBytes()));
                    heap.add(new MemoryTrend.Sample(atS, h.getHeapUsedBytes()));
                }
            }
            for (Future<?> f : running) {
                f.get(); // a failed session fails the soak: that is a finding, not noise
            }
        } finally {
            sessions.shutdownNow();
        }
        BenchFigures figures = new BenchFigures();
        figures.put("soak_minutes", (System.nanoTime() - startNanos) / 60e9);
        figures.put("soak_warm_up_minutes", settings.warmUp().toMillis() / 60_000.0);
        figures.put("soak_sessions", settings.sessions());
        figures.put("soak_session_passes", (double) passes.get());
        figures.put("soak_chunks", (double) chunks.get());
        figures.put("soak_finals", (double) finals.get());
        figures.put("soak_error_events", (double) errorEvents.get());
        figures.put("soak_chunk_rtt_p50_median_ms", Percentiles.of(p50s, 50));
        figures.put("soak_chunk_rtt_p99_worst_ms", Percentiles.of(p99s, 100));
        if (rss.size() >= 2) {
            put(figures, "soak_rss", MemoryTrend.of(rss));
            put(figures, "soak_heap", MemoryTrend.of(heap));
        } else {
            log.warn("soak too short for a trend: {} sample(s) after the warm-up", rss.size());
        }
        return figures;
    }

    private static void put(BenchFigures figures, String prefix, MemoryTrend t) {
        figures.put(prefix + "_samples", t.samples());
        figures.put(prefix + "_first_mib", t.firstBytes() / 1048576.0);
        figures.put(prefix + "_last_mib", t.lastBytes() / 1048576.0);
        figures.put(prefix + "_min_mib", t.minBytes() / 1048576.0);
        figures.put(prefix + "_max_mib", t.maxBytes() / 1048576.0);
        figures.put(prefix + "_growth_mib_per_hour", t.bytesPerHour() / 1048576.0);
        figures.put(prefix + "_growth_percent_per_hour", t.percentPerHour());
    }
}
