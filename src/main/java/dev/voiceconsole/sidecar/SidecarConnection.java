package dev.voiceconsole.sidecar;

import dev.voiceconsole.client.ClientSettings;
import dev.voiceconsole.client.IncompatibleWorkerException;
import dev.voiceconsole.client.VoiceWorkerClient;
import dev.voiceconsole.client.WorkerFailure;
import dev.voiceconsole.client.WorkerHandle;
import dev.voiceconsole.proto.v1.HealthResponse;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A started sidecar and an authenticated channel to it, checked to be the very worker that was launched. */
public final class SidecarConnection implements WorkerHandle {

    private final SidecarProcess process;
    private final ManagedChannel channel;

    private SidecarConnection(SidecarProcess process, ManagedChannel channel) {
        this.process = process;
        this.channel = channel;
    }

    /**
     * Connects and checks protocol version and worker id. On any failure the sidecar is stopped.
     *
     * @throws SidecarStartException INCOMPATIBLE (other protocol, or another worker on the port) or FAILED_START
     *                               (it does not answer)
     */
    public static SidecarConnection connect(SidecarProcess process, ClientSettings settings)
            throws SidecarStartException {
        ManagedChannel channel = WorkerChannels.loopback(process.port(), process.token());
        try (VoiceWorkerClient client = new VoiceWorkerClient(channel, settings)) {
            HealthResponse health = client.connect();
            String expected = process.ready().workerId();
            if (!expected.equals(health.getWorkerId())) {
                throw new SidecarStartException(
                        SidecarStartException.Cause.INCOMPATIBLE,
                        "port " + process.port()
                                + " is answered by worker '" + health.getWorkerId()
                                + "', not by the sidecar that was started ('"
                                + expected + "')");
            }
            return new SidecarConnection(process, channel);
        } catch (IncompatibleWorkerException e) {
            abandon(process, channel);
            throw new SidecarStartException(SidecarStartException.Cause.INCOMPATIBLE, e.getMessage(), "", e);
        } catch (StatusRuntimeException e) {
            abandon(process, channel);
            throw new SidecarStartException(
                    SidecarStartException.Cause.FAILED_START,
                    "sidecar does not answer: " + WorkerFailure.of(e).technical(),
                    "",
                    e);
        } catch (SidecarStartException e) {
            abandon(process, channel);
            throw e;
        }
    }

    private static void abandon(SidecarProcess process, ManagedChannel channel) {
        channel.shutdownNow();
        process.stop();
    }

    public SidecarProcess process() {
        return process;
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public String mode() {
        return "sidecar";
    }

    @Override
    public Optional<String> fallbackReason() {
        return Optional.empty();
    }

    /** Stops the sidecar first (it drains open sessions over this channel), then the channel. */
    @Override
    public void close() {
        process.stop();
        channel.shutdownNow();
        try {
            channel.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
