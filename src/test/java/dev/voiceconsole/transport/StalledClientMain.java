package dev.voiceconsole.transport;

import dev.voiceconsole.proto.v1.ChunkAck;
import dev.voiceconsole.proto.v1.CreateSessionRequest;
import dev.voiceconsole.proto.v1.VoiceWorkerGrpc;
import dev.voiceconsole.worker.TestAudio;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.awaitility.Awaitility;

/**
 * A client in its own process for a test to SIGSTOP: creates a session on the worker at port {@code args[0]}, streams
 * one chunk, prints {@code streaming <id>} once it is acknowledged, then holds the stream open for as long as it lives.
 */
public final class StalledClientMain {

    private StalledClientMain() {}

    public static void main(String[] args) throws InterruptedException {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", Integer.parseInt(args[0]))
                .usePlaintext()
                .build();
        String id = VoiceWorkerGrpc.newBlockingStub(channel)
                .createSession(CreateSessionRequest.newBuilder()
                        .setConfig(WorkerFixture.mono16k())
                        .build())
                .getSessionId();
        RawStream stream = new RawStream(channel, id);
        stream.send(1, 0, TestAudio.wordChunk(1, 160, 1));
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> !stream.events.acks(ChunkAck.Result.ACCEPTED).isEmpty());
        System.out.println("streaming " + id);
        new CountDownLatch(1).await();
    }
}
