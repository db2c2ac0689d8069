package dev.voiceconsole.transport;

import static io.grpc.Status.Code.ALREADY_EXISTS;
import static io.grpc.Status.Code.CANCELLED;
import static io.grpc.Status.Code.DEADLINE_EXCEEDED;
import static io.grpc.Status.Code.FAILED_PRECONDITION;
import static io.grpc.Status.Code.INVALID_ARGUMENT;
import static io.grpc.Status.Code.NOT_FOUND;
import static io.grpc.Status.Code.OK;
import static io.grpc.Status.Code.RESOURCE_EXHAUSTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.protobuf.ByteString;
import dev.voiceconsole.proto.v1.AudioChunk;
import dev.voiceconsole.proto.v1.CommitConfig;
import dev.voiceconsole.proto.v1.CreateSessionRequest;
import dev.voiceconsole.proto.v1.GetHealthRequest;
import dev.voiceconsole.proto.v1.SessionConfig;
import dev.voiceconsole.proto.v1.StopSessionRequest;
import dev.voiceconsole.proto.v1.StreamEvent;
import dev.voiceconsole.proto.v1.TtsVoiceConfig;
import dev.voiceconsole.proto.v1.VadConfig;
import dev.voiceconsole.proto.v1.VoiceWorkerGrpc;
import dev.voiceconsole.testing.WorkerTest;
import dev.voiceconsole.worker.ScriptedPolicy;
import dev.voiceconsole.worker.TestAudio;
import dev.voiceconsole.worker.WorkerCore;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The real Netty server fed generated garbage and mutated valid messages for a bounded time: random bodies, truncated
 * and bit-flipped encodings, huge length prefixes, every enum value, NaN and infinities in every float field, boundary
 * integers, odd and oversized chunks, raw bytes on the socket. Every call must end with a status its method's contract
 * names, the server must still answer afterwards, no session may be left behind, and nothing may log a stack trace.
 * The seed is printed, so a failure can be replayed.
 */
@WorkerTest
class ProtocolFuzzTest {

    private static final Duration BUDGET = Duration.ofSeconds(12);
    private static final int MAX_INPUTS = 20_000;
    private static final Map<String, Set<Status.Code>> PROMISED = Map.of(
            "CreateSession", EnumSet.of(OK, INVALID_ARGUMENT, RESOURCE_EXHAUSTED, ALREADY_EXISTS),
            "StopSession", EnumSet.of(OK, INVALID_ARGUMENT, NOT_FOUND, DEADLINE_EXCEEDED),
            "GetHealth", EnumSet.of(OK, INVALID_ARGUMENT),
            // CANCELLED: the fuzzer cancels some streams itself.
            "StreamAudio",
                    EnumSet.of(OK, INVALID_ARGUMENT, NOT_FOUND, FAILED_PRECONDITION, RESOURCE_EXHAUSTED, CANCELLED));
    private static final float[] FLOATS = {
        Float.NaN,
        Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY,
        -0f,
        0f,
        Float.MIN_VALUE,
        Float.MAX_VALUE,
        -Float.MAX_VALUE,
        1f,
        -1f,
        0.5f,
        3f,
        30f,
        61f
    };
    private static final int[] UINT32 = {
        0,
        1,
        2,
        3,
        50,
        1000,
        8000,
        16_000,
        44_100,
        48_000,
        96_000,
        Integer.MAX_VALUE,
        Integer.MIN_VALUE,
        -1,
        -294_967_296
    };
    private static final long[] UINT64 = {0, 1, 2, 3, 1000, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, -2, -1};

    private final long seed = System.nanoTime();
    private final Random random = new Random(seed);
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
    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private final List<String> broken = new CopyOnWriteArrayList<>();
    private final Set<String> created = ConcurrentHashMap.newKeySet();
    private ch.qos.logback.classic.Logger guardLog;
    private WorkerServer server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        WorkerCore core = new WorkerCore(
                WorkerFixture.settings().withLimits(64 * 1024, 256 * 1024),
                s -> new ScriptedPolicy(null),
                TestAudio.converters(),
                TestAudio.ENGINE);
        server = WorkerServer.loopback(0, core).start();
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port())
                .usePlaintext()
                .build();
        logged.start();
        root().addAppender(logged);
        // The worker's own lines (one per malformed body, session created/stopped) are checked here; thousands of
        // them need not reach the console.
        guardLog = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.voiceconsole");
        guardLog.addAppender(logged);
        guardLog.setAdditive(false);
        java.util.logging.Logger.getLogger("").addHandler(julCapture);
    }

    private static ch.qos.logback.classic.Logger root() {
        return (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @AfterEach
    void stop() throws InterruptedException {
        java.util.logging.Logger.getLogger("").removeHandler(julCapture);
        guardLog.setAdditive(true);
        guardLog.detachAppender(logged);
        root().detachAppender(logged);
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdown(Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    @Test
    void garbageAndMutatedMessagesEndWithPromisedStatusesAndLeaveNothingBehind() throws Exception {
        long end = System.nanoTime() + BUDGET.toNanos();
        int inputs = 0;
        while (System.nanoTime() < end && inputs < MAX_INPUTS) {
            int kind = random.nextInt(10);
            if (kind < 3) {
                inputs += rawUnary();
            } else if (kind < 6) {
                inputs += typedCreateAndStop();
            } else if (kind < 9) {
                inputs += stream();
            } else {
                inputs += rawSocket();
            }
            if (created.size() >= 4) {
                // Keep slots free, or most inputs would only meet a full worker.
                List.copyOf(created).forEach(this::stopQuietly);
            }
        }
        System.out.printf("protocol fuzz: %d inputs in %s (seed %d), outcomes %s%n", inputs, BUDGET, seed, outcomes);

        assertThat(broken)
                .as("calls that ended outside their contract (seed %d)", seed)
                .isEmpty();
        for (String id : created) {
            stopQuietly(id);
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> server.core().health().activeSessions() == 0);
        assertThat(VoiceWorkerGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(5, TimeUnit.SECONDS)
                        .getHealth(GetHealthRequest.getDefaultInstance())
                        .getActiveSessions())
                .isZero();
        assertThat(logged.list)
                .filteredOn(e -> e.getThrowableProxy() != null)
                .as("log events with a stack trace (seed %d)", seed)
                .isEmpty();
        assertThat(julRecords).as("records logged outside SLF4J").isEmpty();
        assertThat(inputs).isPositive();
    }

    // ------------------------------------------------------------------ unary calls with raw bodies

    private int rawUnary() {
        MethodDescriptor<?, ?> method = switch (random.nextInt(3)) {
            case 0 -> VoiceWorkerGrpc.getCreateSessionMethod();
            case 1 -> VoiceWorkerGrpc.getStopSessionMethod();
            default -> VoiceWorkerGrpc.getGetHealthMethod();
        };
        byte[] body = switch (random.nextInt(4)) {
            case 0 -> randomBytes(random.nextInt(64));
            case 1 -> mutate(validCreate().toByteArray());
            case 2 -> hugeLengthPrefix();
            default -> wrongWireType();
        };
        String name = method.getBareMethodName();
        Status.Code code;
        try {
            byte[] reply = ClientCalls.blockingUnaryCall(
                    channel,
                    TransportLimitsTest.raw(method),
                    CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS),
                    body);
            code = OK;
            if (name.equals("CreateSession")) {
                rememberCreated(reply);
            }
        } catch (StatusRuntimeException e) {
            code = e.getStatus().getCode();
        }
        record(name, code, "raw body " + Arrays.toString(Arrays.copyOf(body, Math.min(body.length, 16))));
        return 1;
    }

    private void rememberCreated(byte[] reply) {
        try {
            created.add(dev.voiceconsole.proto.v1.CreateSessionResponse.parseFrom(reply)
                    .getSessionId());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            broken.add("CreateSession answered OK with an unreadable response");
        }
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** Flipped bits, a cut-off end, or inserted bytes. */
    private byte[] mutate(byte[] valid) {
        byte[] b = valid.clone();
        switch (random.nextInt(3)) {
            case 0 -> {
                for (int i = 0, n = 1 + random.nextInt(4); i < n && b.length > 0; i++) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> b = Arrays.copyOf(b, b.length == 0 ? 0 : random.nextInt(b.length));
            default -> {
                int at = b.length == 0 ? 0 : random.nextInt(b.length);
                byte[] extra = randomBytes(1 + random.nextInt(8));
                byte[] out = new byte[b.length + extra.length];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(extra, 0, out, at, extra.length);
                System.arraycopy(b, at, out, at + extra.length, b.length - at);
                b = out;
            }
        }
        return b;
    }

    /** A length-delimited field announcing up to 2^35 bytes, followed by a few. */
    private byte[] hugeLengthPrefix() {
        int field = 1 + random.nextInt(10);
        return new byte[] {(byte) (field << 3 | 2), (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 1, 2, 3};
    }

    /** A known field number with another wire type (a fixed64 where a string or varint is expected, or a group). */
    private byte[] wrongWireType() {
        int field = 1 + random.nextInt(10);
        int wireType = new int[] {1, 3, 4, 5, 6, 7}[random.nextInt(6)];
        byte[] tail = randomBytes(random.nextInt(10));
        byte[] out = new byte[1 + tail.length];
        out[0] = (byte) (field << 3 | wireType);
        System.arraycopy(tail, 0, out, 1, tail.length);
        return out;
    }

    // ------------------------------------------------------------------ typed messages with boundary values

    private CreateSessionRequest validCreate() {
        return CreateSessionRequest.newBuilder()
                .setConfig(SessionConfig.newBuilder().setSampleRateHz(16_000))
                .build();
    }

    private SessionConfig boundaryConfig() {
        SessionConfig.Builder c = SessionConfig.newBuilder();
        if (random.nextInt(4) > 0) {
            c.setSampleRateHz(random.nextBoolean() ? 16_000 : UINT32[random.nextInt(UINT32.length)]);
        }
        if (random.nextBoolean()) {
            c.setChannels(UINT32[random.nextInt(5)] % 4);
        }
        if (random.nextInt(4) == 0) {
            c.setChannels(UINT32[random.nextInt(UINT32.length)]);
        }
        c.setModeValue(new int[] {0, 1, 2, 3, -1, 99, Integer.MAX_VALUE}[random.nextInt(7)]);
        if (random.nextBoolean()) {
            c.setLanguage(new String[] {"", "auto", "en", "de-AT", "x", "english", "zh-Hans", "\u0000", "ü".repeat(50)}
                    [random.nextInt(9)]);
        }
        if (random.nextInt(3) == 0) {
            c.setInitialPrompt("p".repeat(new int[] {0, 10, 4000, 4001}[random.nextInt(4)]));
        }
        if (random.nextInt(3) == 0) {
            for (int i = 0, n = new int[] {1, 3, 500, 501}[random.nextInt(4)]; i < n; i++) {
                c.addVocabulary(random.nextInt(20) == 0 ? " " : "w" + i);
            }
        }
        c.setVad(VadConfig.newBuilder()
                .setEnergyThresholdDb(floatValue())
                .setPreRollMs(uint32())
                .setHangoverMs(uint32())
                .setMinSpeechMs(uint32()));
        c.setCommit(CommitConfig.newBuilder()
                .setStepMs(uint32())
                .setMaxUtteranceMs(uint32())
                .setNoSpeechThreshold(floatValue())
                .setLogprobThreshold(floatValue())
                .setEntropyThreshold(floatValue())
                .setPromptMaxChars(uint32()));
        if (random.nextBoolean()) {
            c.setTtsVoice(TtsVoiceConfig.newBuilder()
                    .setVoice(random.nextBoolean() ? "" : "alto")
                    .setSpeakingRate(floatValue())
                    .setPitchSemitones(floatValue()));
        }
        return c.build();
    }

    private float floatValue() {
        return random.nextInt(3) == 0 ? 0f : FLOATS[random.nextInt(FLOATS.length)];
    }

    private int uint32() {
        return random.nextInt(3) == 0 ? 0 : UINT32[random.nextInt(UINT32.length)];
    }

    private int typedCreateAndStop() {
        CreateSessionRequest.Builder request = CreateSessionRequest.newBuilder().setConfig(boundaryConfig());
        if (random.nextInt(4) == 0) {
            request.setSessionId(
                    new String[] {"a", "fuzz-1", "x".repeat(129), "bad id", "..", "\u00e9"}[random.nextInt(6)]);
        }
        VoiceWorkerGrpc.VoiceWorkerBlockingStub stub =
                VoiceWorkerGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
        int inputs = 1;
        String id = null;
        try {
            id = stub.createSession(request.build()).getSessionId();
            created.add(id);
            record("CreateSession", OK, request.toString());
        } catch (StatusRuntimeException e) {
            record("CreateSession", e.getStatus().getCode(), request.toString());
        }
        StopSessionRequest stop = StopSessionRequest.newBuilder()
                .setSessionId(
                        id != null && random.nextInt(4) > 0
                                ? id
                                : new String[] {"", "nope", "x".repeat(300)}[random.nextInt(3)])
                .setLastSequence(random.nextInt(3) == 0 ? UINT64[random.nextInt(UINT64.length)] : 0)
                .build();
        try {
            VoiceWorkerGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(random.nextBoolean() ? 5000 : 50, TimeUnit.MILLISECONDS)
                    .stopSession(stop);
            record("StopSession", OK, stop.toString());
        } catch (StatusRuntimeException e) {
            record("StopSession", e.getStatus().getCode(), stop.toString());
        }
        return inputs + 1;
    }

    // ------------------------------------------------------------------ audio streams

    private int stream() throws InterruptedException {
        String id;
        try {
            id = VoiceWorkerGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(5, TimeUnit.SECONDS)
                    .createSession(CreateSessionRequest.newBuilder()
                            .setConfig(SessionConfig.newBuilder()
                                    .setSampleRateHz(random.nextBoolean() ? 16_000 : 48_000)
                                    .setChannels(1 + random.nextInt(2)))
                            .build())
                    .getSessionId();
            created.add(id);
        } catch (StatusRuntimeException e) {
            record("CreateSession", e.getStatus().getCode(), "stream session");
            return 1;
        }
        boolean raw = random.nextInt(4) == 0;
        CompletableFuture<Status.Code> ended = new CompletableFuture<>();
        List<StreamEvent> events = new CopyOnWriteArrayList<>();
        int inputs = 1;
        ClientCall<byte[], byte[]> call = channel.newCall(
                TransportLimitsTest.raw(VoiceWorkerGrpc.getStreamAudioMethod()),
                CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS));
        CompletableFuture<ClientCallStreamObserver<byte[]>> requests = new CompletableFuture<>();
        ClientCalls.asyncBidiStreamingCall(call, new ClientResponseObserver<byte[], byte[]>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<byte[]> r) {
                requests.complete(r);
            }

            @Override
            public void onNext(byte[] value) {
                try {
                    events.add(StreamEvent.parseFrom(value));
                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                    broken.add("StreamAudio sent an unreadable event");
                }
            }

            @Override
            public void onError(Throwable t) {
                ended.complete(Status.fromThrowable(t).getCode());
            }

            @Override
            public void onCompleted() {
                ended.complete(OK);
            }
        });
        ClientCallStreamObserver<byte[]> out = requests.join();
        int chunks = 1 + random.nextInt(8);
        for (int i = 0; i < chunks; i++, inputs++) {
            out.onNext(
                    raw && random.nextBoolean()
                            ? mutate(chunk(id, i + 1).toByteArray())
                            : chunk(id, i + 1).toByteArray());
        }
        boolean cancelled = false;
        switch (random.nextInt(4)) {
            case 0 -> {
                out.cancel("fuzzer cancels", null);
                cancelled = true;
            }
            default -> out.onCompleted();
        }
        Status.Code code;
        try {
            code = ended.get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            broken.add("StreamAudio did not end within 20 s (" + chunks + " chunks, cancelled " + cancelled + ")");
            return inputs;
        }
        record("StreamAudio", code, "stream of " + chunks + " chunks" + (raw ? " (mutated)" : ""));
        for (StreamEvent e : events) {
            if (e.hasError()
                    && !EnumSet.of(INVALID_ARGUMENT, RESOURCE_EXHAUSTED, FAILED_PRECONDITION)
                            .contains(
                                    Status.fromCodeValue(e.getError().getCode()).getCode())) {
                broken.add("ErrorEvent " + e.getError().getCodeName() + ": "
                        + e.getError().getMessage());
            }
        }
        if (random.nextBoolean()) {
            stopQuietly(id);
        }
        return inputs;
    }

    private AudioChunk chunk(String sessionId, long index) {
        AudioChunk.Builder c = AudioChunk.newBuilder()
                .setSessionId(random.nextInt(10) == 0 ? "someone-else" : random.nextInt(10) == 0 ? "" : sessionId)
                .setSequence(random.nextInt(3) == 0 ? UINT64[random.nextInt(UINT64.length)] : index)
                .setCaptureTimeUs(random.nextInt(5) == 0 ? random.nextLong() : 0);
        int size = switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> 1 + 2 * random.nextInt(100); // odd
            case 2 -> 65 * 1024; // over this worker's 64 KiB chunk limit
            case 3 -> random.nextInt(50) == 0 ? 5 * 1024 * 1024 : 320;
            default -> 4 * (1 + random.nextInt(400));
        };
        return c.setPcm16Le(ByteString.copyFrom(TestAudio.wordChunk(1 + random.nextInt(9), 0, 1))
                        .concat(ByteString.copyFrom(new byte[size])))
                .build();
    }

    private void stopQuietly(String id) {
        try {
            VoiceWorkerGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(5, TimeUnit.SECONDS)
                    .stopSession(
                            StopSessionRequest.newBuilder().setSessionId(id).build());
            created.remove(id);
        } catch (StatusRuntimeException e) {
            record("StopSession", e.getStatus().getCode(), "cleanup of " + id);
        }
    }

    // ------------------------------------------------------------------ bytes straight onto the socket

    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private int rawSocket() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            switch (random.nextInt(4)) {
                case 0 -> out.write(randomBytes(1 + random.nextInt(200)));
                case 1 -> out.write(Arrays.copyOf(PREFACE, random.nextInt(PREFACE.length))); // truncated preface
                case 2 -> {
                    out.write(PREFACE);
                    out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0}); // empty SETTINGS
                    out.write(randomBytes(1 + random.nextInt(100))); // then a broken frame
                }
                default -> {
                    out.write(PREFACE);
                    out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});
                    // A frame header announcing a 16 MiB DATA payload on stream 1, then the connection is dropped.
                    out.write(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0, 0, 1});
                }
            }
            out.flush();
            // The server answers or closes; either way the socket is read until it does or the test gives up.
            try {
                socket.getInputStream().read(new byte[4096]);
            } catch (java.net.SocketTimeoutException | java.net.SocketException e) {
                // a closed or silent peer is a fine answer to garbage
            }
        }
        outcomes.computeIfAbsent("socket", k -> new AtomicInteger()).incrementAndGet();
        return 1;
    }

    private void record(String method, Status.Code code, String input) {
        outcomes.computeIfAbsent(method + ":" + code, k -> new AtomicInteger()).incrementAndGet();
        if (!PROMISED.get(method).contains(code)) {
            broken.add(method + " ended " + code + " for " + input);
        }
    }
}
