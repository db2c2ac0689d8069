package dev.voiceconsole.client;

import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import dev.voiceconsole.contract.ProtocolVersion;
import dev.voiceconsole.proto.v1.CreateSessionRequest;
import dev.voiceconsole.proto.v1.CreateSessionResponse;
import dev.voiceconsole.proto.v1.GetHealthRequest;
import dev.voiceconsole.proto.v1.HealthResponse;
import dev.voiceconsole.proto.v1.SessionConfig;
import dev.voiceconsole.proto.v1.StopSessionRequest;
import dev.voiceconsole.proto.v1.StopSessionResponse;
import dev.voiceconsole.proto.v1.VoiceWorkerGrpc;
import io.grpc.Channel;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Talks to a voice worker over any {@link Channel} (in-process for the embedded worker, a socket for a
 * sidecar); it cannot tell which. Every unary call carries a deadline. Failures surface as
 * {@link io.grpc.StatusRuntimeException} with the worker's status and message.
 */
public final class VoiceWorkerClient implements AutoCloseable {

    private final Channel channel;
    private final ClientSettings settings;
    private final ScheduledExecutorService scheduler;
    /** Runs the streams' listeners; each stream gets a sequential view of it (see {@link AudioStream}). */
    private final ExecutorService listenerThreads;

    public VoiceWorkerClient(Channel channel, ClientSettings settings) {
        this.channel = channel;
        this.settings = settings;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(new ThreadFactoryBuilder()
                .setNameFormat("voice-client-resend")
                .setDaemon(true)
                .build());
        this.listenerThreads = Executors.newCachedThreadPool(new ThreadFactoryBuilder()
                .setNameFormat("voice-client-events")
                .setDaemon(true)
                .build());
    }

    public ClientSettings settings() {
        return settings;
    }

    /**
     * Checks that the worker answers and speaks this client's protocol.
     *
     * @throws IncompatibleWorkerException naming both versions
     */
    public HealthResponse connect() {
        HealthResponse health = health();
        requireCompatible(health.getProtocolVersion());
        return health;
    }

    public HealthResponse health() {
        return blocking(settings.callTimeout().toMillis()).getHealth(GetHealthRequest.getDefaultInstance());
    }

    /** Reserves a session with an id the worker assigns. */
    public CreateSessionResponse createSession(SessionConfig config) {
        return createSession("", config);
    }

    public CreateSessionResponse createSession(String sessionId, SessionConfig config) {
        CreateSessionResponse response = blocking(settings.callTimeout().toMillis())
                .createSession(CreateSessionRequest.newBuilder()
                        .setSessionId(sessionId)
                        .setConfig(config)
                        .build());
        requireCompatible(response.getProtocolVersion());
        return response;
    }

    /** Opens the audio stream of a created session; events (acks included) go to {@code listener}. */
    public AudioStream openStream(String sessionId, StreamListener listener) {
        AudioStream stream = new AudioStream(
                sessionId, listener, settings, this, scheduler, MoreExecutors.newSequentialExecutor(listenerThreads));
        // Responses are handled on the transport's thread; AudioStream never blocks there (see its comment).
        VoiceWorkerGrpc.newStub(channel)
                .withExecutor(MoreExecutors.directExecutor())
                .streamAudio(stream.responseObserver);
        return stream;
    }

    /**
     * Flushes and releases a session. Idempotent ({@code already_stopped} on repeats).
     *
     * @param lastSequence the last chunk sent, so the worker waits for chunks still in flight (0 = do not wait)
     */
    public StopSessionResponse stopSession(String sessionId, long lastSequence) {
        return blocking(settings.stopTimeout().toMillis())
                .stopSession(StopSessionRequest.newBuilder()
                        .setSessionId(sessionId)
                        .setLastSequence(lastSequence)
                        .build());
    }

    /**
     * Streams a whole recording through an OFFLINE session as fast as the worker's back-pressure allows and
     * returns its final segments.
     */
    public TranscriptionResult transcribeOffline(
            byte[] pcm16le, int sampleRateHz, int channels, SessionConfig config, TranscriptionProgress progress)
            throws InterruptedException {
        return new OfflineTranscription(this).run(pcm16le, sampleRateHz, channels, config, progress);
    }

    /** Same, for mono float samples in [-1, 1]. */
    public TranscriptionResult transcribeOffline(
            float[] mono, int sampleRateHz, SessionConfig config, TranscriptionProgress progress)
            throws InterruptedException {
        return transcribeOffline(PcmEncoding.toPcm16le(mono), sampleRateHz, 1, config, progress);
    }

    /**
     * Streams a recording through a LIVE session in real time (times {@code pace}), as a microphone would, and
     * returns the finals; every event also goes to {@code listener}.
     */
    public TranscriptionResult transcribeLive(
            byte[] pcm16le,
            int sampleRateHz,
            int channels,
            SessionConfig config,
            int chunkMs,
            double pace,
            StreamListener listener)
            throws InterruptedException {
        return new PacedStreamer(this, chunkMs, pace).run(pcm16le, sampleRateHz, channels, config, listener);
    }

    private VoiceWorkerGrpc.VoiceWorkerBlockingStub blocking(long timeoutMs) {
        return VoiceWorkerGrpc.newBlockingStub(channel).withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS);
    }

    private static void requireCompatible(int workerVersion) {
        if (workerVersion != ProtocolVersion.CURRENT) {
            throw new IncompatibleWorkerException(workerVersion, ProtocolVersion.CURRENT);
        }
    }

    /**
     * Stops the client's resend timer and, once the events already received have reached their listeners, its
     * listener threads; the channel belongs to the caller and stays open.
     */
    @Override
    public void close() {
        scheduler.shutdownNow();
        listenerThreads.shutdown();
    }
}
