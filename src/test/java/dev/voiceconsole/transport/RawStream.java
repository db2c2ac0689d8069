package dev.voiceconsole.transport;

import com.google.protobuf.ByteString;
import dev.voiceconsole.proto.v1.AudioChunk;
import dev.voiceconsole.proto.v1.StreamEvent;
import dev.voiceconsole.proto.v1.VoiceWorkerGrpc;
import io.grpc.Channel;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A StreamAudio call driven by hand: explicit sequence numbers, no resends (for sequencing rules). */
final class RawStream {

    final EventCollector events = new EventCollector();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final StreamObserver<AudioChunk> requests;
    private final String sessionId;

    RawStream(Channel channel, String sessionId) {
        this.sessionId = sessionId;
        this.requests = VoiceWorkerGrpc.newStub(channel).streamAudio(new StreamObserver<>() {
            @Override
            public void onNext(StreamEvent value) {
                events.onEvent(value);
            }

            @Override
            public void onError(Throwable t) {
                events.onError(t);
                ended.countDown();
            }

            @Override
            public void onCompleted() {
                events.onCompleted();
                ended.countDown();
            }
        });
    }

    synchronized void send(long sequence, long captureUs, byte[] pcm) {
        requests.onNext(AudioChunk.newBuilder()
                .setSessionId(sessionId)
                .setSequence(sequence)
                .setCaptureTimeUs(captureUs)
                .setPcm16Le(ByteString.copyFrom(pcm))
                .build());
    }

    synchronized void halfClose() {
        requests.onCompleted();
    }

    boolean awaitEnd() throws InterruptedException {
        return ended.await(10, TimeUnit.SECONDS);
    }
}
