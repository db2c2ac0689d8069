package dev.voiceconsole.sidecar;

import dev.voiceconsole.client.ClientSettings;
import dev.voiceconsole.client.WorkerPool;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A {@link WorkerPool} over sidecars that run elsewhere: one channel per target, each with the token and TLS. */
public final class RemoteWorkers {

    /** How long a health probe of one remote worker may take when a session is placed. */
    public static final Duration HEALTH_DEADLINE = Duration.ofSeconds(3);

    private RemoteWorkers() {}

    /**
     * A pool with one channel per target; the channels close with the pool.
     *
     * @param targets      HOST:PORT each
     * @param token        the workers' bearer token
     * @param trustedCert  PEM certificate for TLS; empty = plaintext (the workers allow that on loopback only)
     */
    public static WorkerPool pool(List<String> targets, Optional<String> token, Optional<Path> trustedCert)
            throws IOException {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no remote worker given");
        }
        List<WorkerPool.Target> pool = new ArrayList<>();
        List<AutoCloseable> channels = new ArrayList<>();
        try {
            for (String target : targets) {
                ManagedChannel channel = WorkerChannels.open(target, token, trustedCert);
                pool.add(new WorkerPool.Target(target, channel));
                channels.add(channel::shutdownNow);
            }
        } catch (IOException | RuntimeException e) {
            channels.forEach(RemoteWorkers::closeQuietly);
            throw e;
        }
        return new WorkerPool(pool, ClientSettings.defaults(), HEALTH_DEADLINE, channels);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // already failing: the first error is the one to report
        }
    }
}
