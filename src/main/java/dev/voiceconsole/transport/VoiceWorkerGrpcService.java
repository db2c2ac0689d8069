package dev.voiceconsole.transport;

import dev.voiceconsole.contract.ProtocolVersion;
import dev.voiceconsole.proto.v1.AudioChunk;
import dev.voiceconsole.proto.v1.CreateSessionRequest;
import dev.voiceconsole.proto.v1.CreateSessionResponse;
import dev.voiceconsole.proto.v1.GetHealthRequest;
import dev.voiceconsole.proto.v1.HealthResponse;
import dev.voiceconsole.proto.v1.StopSessionRequest;
import dev.voiceconsole.proto.v1.StopSessionResponse;
import dev.voiceconsole.proto.v1.StreamEvent;
import dev.voiceconsole.proto.v1.VoiceWorkerGrpc;
import dev.voiceconsole.worker.AudioStreamHandle;
import dev.voiceconsole.worker.CreatedSession;
import dev.voiceconsole.worker.StopOutcome;
import dev.voiceconsole.worker.WorkerCore;
import dev.voiceconsole.worker.WorkerException;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Thin gRPC adapter over {@link WorkerCore}: translates messages and maps failures via {@link StatusMapper}. */
public final class VoiceWorkerGrpcService extends VoiceWorkerGrpc.VoiceWorkerImplBase {

    private static final Logger log = LoggerFactory.getLogger(VoiceWorkerGrpcService.class);
    /** Used by StopSession when the client set no deadline. */
    static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);

    static final int MAX_QUEUED_EVENTS = 10_000;

    private final WorkerCore core;

    public VoiceWorkerGrpcService(WorkerCore core) {
        this.core = core;
    }

    @Override
    public void createSession(CreateSessionRequest request, StreamObserver<CreateSessionResponse> responses) {
        try {
            CreatedSession created = core.createSession(request.getSessionId(), request.getConfig());
            responses.onNext(CreateSessionResponse.newBuilder()
                    .setSessionId(created.sessionId())
                    .setWorkerId(created.workerId())
                    .setProtocolVersion(ProtocolVersion.CURRENT)
                    .setMaxChunkBytes(created.maxChunkBytes())
                    .setMaxPendingBytes(created.maxPendingBytes())
                    .build());
            responses.onCompleted();
        } catch (RuntimeException e) {
            responses.onError(StatusMapper.toException(e));
        }
    }

    @Override
    public void stopSession(StopSessionRequest request, StreamObserver<StopSessionResponse> responses) {
        try {
            Deadline deadline = Context.current().getDeadline();
            Duration timeout = deadline == null
                    ? DEFAULT_STOP_TIMEOUT
                    : Duration.ofNanos(Math.max(0, deadline.timeRemaining(TimeUnit.NANOSECONDS)));
            StopOutcome outcome = core.stopSession(request.getSessionId(), request.getLastSequence(), timeout);
            responses.onNext(StopSessionResponse.newBuilder()
                    .setAlreadyStopped(outcome.alreadyStopped())
                    .addAllFlushedSegments(outcome.flushedSegments())
                    .setAudioSeconds(outcome.audioSeconds())
                    .build());
            responses.onCompleted();
        } catch (RuntimeException e) {
            responses.onError(StatusMapper.toException(e));
        }
    }

    @Override
    public void getHealth(GetHealthRequest request, StreamObserver<HealthResponse> responses) {
        try {
            responses.onNext(HealthMapper.toResponse(core.health()));
            responses.onCompleted();
        } catch (RuntimeException e) {
            responses.onError(StatusMapper.toException(e));
        }
    }

    @Override
    public StreamObserver<AudioChunk> streamAudio(StreamObserver<StreamEvent> responses) {
        return new AudioCall((ServerCallStreamObserver<StreamEvent>) responses);
    }

    /** One StreamAudio call: the first chunk names the session and attaches the stream to it. */
    private final class AudioCall implements StreamObserver<AudioChunk> {
        private final ServerCallStreamObserver<StreamEvent> responses;
        private final FlowControlledEventSink sink;
        private volatile AudioStreamHandle handle;
        private boolean refused;

        AudioCall(ServerCallStreamObserver<StreamEvent> responses) {
            this.responses = responses;
            this.sink = new FlowControlledEventSink(responses, MAX_QUEUED_EVENTS, this::releaseSession);
            responses.setOnReadyHandler(sink::pump);
            responses.setOnCancelHandler(() -> {
                sink.cancelled();
                releaseSession();
            });
        }

        private void releaseSession() {
            AudioStreamHandle h = handle;
            if (h != null) {
                h.onCancelled();
            }
        }

        @Override
        public void onNext(AudioChunk chunk) {
            if (refused) {
                return; // chunks already in flight when the stream was refused
            }
            if (handle == null) {
                try {
                    handle = core.openStream(chunk.getSessionId(), sink);
                } catch (WorkerException e) {
                    refused = true;
                    sink.fail(e);
                    return;
                }
                if (responses.isCancelled()) {
                    // Cancelled while attaching: the cancel handler saw no handle yet.
                    releaseSession();
                    return;
                }
            }
            handle.onChunk(chunk);
        }

        @Override
        public void onError(Throwable t) {
            log.debug("audio stream broke: {}", t.toString());
            sink.cancelled();
            releaseSession();
        }

        @Override
        public void onCompleted() {
            AudioStreamHandle h = handle;
            if (h != null) {
                h.onEndOfAudio();
            } else if (!refused) {
                sink.complete(); // a stream without audio: nothing to finalize
            }
        }
    }
}
