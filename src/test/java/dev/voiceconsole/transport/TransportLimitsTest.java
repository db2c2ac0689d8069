package dev.voiceconsole.transport;

import static dev.voiceconsole.worker.TestAudio.wordChunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.voiceconsole.desktop.ChildJvm;
import dev.voiceconsole.proto.v1.ChunkAck;
import dev.voiceconsole.proto.v1.GetHealthRequest;
import dev.voiceconsole.proto.v1.StreamEvent;
import dev.voiceconsole.proto.v1.VoiceWorkerGrpc;
import dev.voiceconsole.testing.ChildProcessTest;
import dev.voiceconsole.worker.ScriptedPolicy;
import dev.voiceconsole.worker.TestAudio;
import dev.voiceconsole.worker.WorkerCore;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** What a socket client can do to the worker beyond the contract: bad bodies, huge chunks, going silent. */
@ChildProcessTest
class TransportLimitsTest {

    /** Request bodies sent as they are, so a test can send what no protobuf encoder would write. */
    static final MethodDescriptor.Marshaller<byte[]> RAW = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    };

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final List<LogRecord> julRecords = new CopyOnWriteArrayList<>();
    private final Handler julCapture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            julRecords.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private WorkerServer server;
    private ManagedChannel channel;

    private void start(ServerLimits limits) throws IOException {
        WorkerCore core = new WorkerCore(
                WorkerFixture.settings(), s -> new ScriptedPolicy(null), TestAudio.converters(), TestAudio.ENGINE);
        server = WorkerServer.loopback(0, core, limits).start();
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port())
                .usePlaintext()
                .build();
        logged.start();
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .addAppender(logged);
        java.util.logging.Logger.getLogger("").addHandler(julCapture);
    }

    @AfterEach
    void stop() throws InterruptedException {
        java.util.logging.Logger.getLogger("").removeHandler(julCapture);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .detachAppender(logged);
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.shutdown(Duration.ofSeconds(2), Duration.ofSeconds(2));
        }
    }

    static <Q, R> MethodDescriptor<byte[], byte[]> raw(MethodDescriptor<Q, R> method) {
        return method.toBuilder(RAW, RAW).build();
    }

    @Test
    void aMalformedBodyIsInvalidArgumentWithOneLogLineAndNoTrace() throws Exception {
        start(ServerLimits.defaults());
        // Field 1 (session_id) announces 100 bytes of string and the body ends after 3: truncated.
        byte[] truncated = {0x0a, 0x64, 'a', 'b', 'c'};
        assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(
                        channel,
                        raw(VoiceWorkerGrpc.getCreateSessionMethod()),
                        CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS),
                        truncated))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription())
                            .startsWith("malformed voiceconsole.v1.VoiceWorker/CreateSession request (5 bytes): ");
                });
        // The server is fine afterwards.
        assertThat(VoiceWorkerGrpc.newBlockingStub(channel)
                        .getHealth(GetHealthRequest.getDefaultInstance())
                        .getActiveSessions())
                .isZero();

        assertThat(julRecords).as("java.util.logging records outside SLF4J").isEmpty();
        assertThat(logged.list)
                .filteredOn(e -> e.getThrowableProxy() != null)
                .as("log events with a trace")
                .isEmpty();
        assertThat(logged.list)
                .filteredOn(e -> e.getFormattedMessage().contains("malformed"))
                .hasSize(1);
    }

    @Test
    void aChunkAboveTheChunkLimitButWithinTheTransportLimitIsRejectedAndTheSessionGoesOn() throws Exception {
        start(ServerLimits.defaults());
        String id = VoiceWorkerGrpc.newBlockingStub(channel)
                .createSession(dev.voiceconsole.proto.v1.CreateSessionRequest.newBuilder()
                        .setConfig(WorkerFixture.mono16k())
                        .build())
                .getSessionId();
        RawStream stream = new RawStream(channel, id);
        stream.send(1, 0, new byte[5 * 1024 * 1024]); // over gRPC's default 4 MiB message limit
        stream.send(2, 0, wordChunk(2, 160, 1));
        stream.halfClose();
        assertThat(stream.awaitEnd()).isTrue();

        EventCollector events = stream.events;
        assertThat(events.error).isNull();
        assertThat(events.errors()).singleElement().satisfies(e -> {
            assertThat(e.getError().getCodeName()).isEqualTo("INVALID_ARGUMENT");
            assertThat(e.getError().getMessage()).contains("too large", "5242880");
        });
        assertThat(events.acks(ChunkAck.Result.REJECTED))
                .extracting(StreamEvent::getSequence)
                .containsExactly(1L);
        assertThat(events.acks(ChunkAck.Result.ACCEPTED))
                .extracting(StreamEvent::getSequence)
                .containsExactly(2L);
        assertThat(events.finalText()).isEqualTo("w2");
        assertThat(logged.list).filteredOn(e -> e.getThrowableProxy() != null).isEmpty();
    }

    @Test
    void connectionsBeyondTheCapAreClosedAtOnceWhileThoseOpenAreStillServed() throws Exception {
        start(ServerLimits.defaults().withMaxConnections(8));
        VoiceWorkerGrpc.VoiceWorkerBlockingStub supervisor = VoiceWorkerGrpc.newBlockingStub(channel);
        assertThat(supervisor
                        .withDeadlineAfter(5, TimeUnit.SECONDS)
                        .getHealth(GetHealthRequest.getDefaultInstance())
                        .getWorkerId())
                .isNotEmpty(); // connection 1 of 8, kept as a supervisor keeps its own
        List<IdleHttp2Connection> flood = new ArrayList<>();
        ManagedChannel late = ManagedChannelBuilder.forAddress("127.0.0.1", server.port())
                .usePlaintext()
                .build();
        try {
            for (int i = 0; i < 7; i++) {
                IdleHttp2Connection c = IdleHttp2Connection.open(server.port(), Duration.ofSeconds(10));
                flood.add(c);
                assertThat(c.servedOrClosed())
                        .as("connection %d is served: the server's SETTINGS arrive", i + 2)
                        .isTrue();
            }
            // The server accepts in order, so the ninth is refused: closed before it is read.
            try (IdleHttp2Connection refused = IdleHttp2Connection.open(server.port(), Duration.ofSeconds(10))) {
                assertThat(refused.servedOrClosed())
                        .as("the ninth connection is closed")
                        .isFalse();
            }
            assertThatThrownBy(() -> VoiceWorkerGrpc.newBlockingStub(late)
                            .withDeadlineAfter(5, TimeUnit.SECONDS)
                            .getHealth(GetHealthRequest.getDefaultInstance()))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
            assertThat(supervisor
                            .withDeadlineAfter(5, TimeUnit.SECONDS)
                            .getHealth(GetHealthRequest.getDefaultInstance())
                            .getWorkerId())
                    .as("the connection already open is still served")
                    .isNotEmpty();
        } finally {
            for (IdleHttp2Connection c : flood) {
                c.close();
            }
        }
        // Closed connections free their places.
        await().atMost(Duration.ofSeconds(10))
                .ignoreExceptions()
                .until(() -> VoiceWorkerGrpc.newBlockingStub(late)
                                .withDeadlineAfter(2, TimeUnit.SECONDS)
                                .getHealth(GetHealthRequest.getDefaultInstance())
                        != null);
        late.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        assertThat(logged.list)
                .filteredOn(e -> e.getFormattedMessage().startsWith("refusing connections"))
                .as("one line for the refusals, not one each")
                .hasSize(1);
        assertThat(logged.list).filteredOn(e -> e.getThrowableProxy() != null).isEmpty();
    }

    @Test
    void aClientThatStopsAnsweringLosesItsSlotToTheKeepAlive() throws Exception {
        start(ServerLimits.defaults().withKeepAlive(Duration.ofMillis(500), Duration.ofMillis(500)));
        try (ChildJvm client = ChildJvm.start(
                StalledClientMain.class,
                Map.of(),
                List.of("-XX:TieredStopAtLevel=1"),
                dir.resolve("client.err"),
                String.valueOf(server.port()))) {
            client.awaitLine(l -> l.startsWith("streaming "), Duration.ofSeconds(60));
            assertThat(server.core().health().activeSessions()).isEqualTo(1);

            signal("STOP", client.process().pid());
            try {
                // Its stream is still open, so the idle reaper (60 s without a stream) would never take it.
                await().atMost(Duration.ofSeconds(15))
                        .until(() -> server.core().health().activeSessions() == 0);
            } finally {
                signal("CONT", client.process().pid());
            }
        }
    }

    private static void signal(String name, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid))
                .inheritIO()
                .start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }
}
