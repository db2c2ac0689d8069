package dev.voiceconsole.transport;

import dev.voiceconsole.client.ClientSettings;
import dev.voiceconsole.client.VoiceWorkerClient;
import dev.voiceconsole.proto.v1.SessionConfig;
import dev.voiceconsole.proto.v1.VoiceWorkerGrpc;
import dev.voiceconsole.worker.AudioConverterFactory;
import dev.voiceconsole.worker.ScriptedPolicy;
import dev.voiceconsole.worker.TestAudio;
import dev.voiceconsole.worker.WorkerCore;
import dev.voiceconsole.worker.WorkerSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** An embedded worker with scripted policies on a real in-process gRPC channel, plus a client. */
final class WorkerFixture implements AutoCloseable {

    /** Policies block in decodeIfDue until this opens; open by default. */
    final CountDownLatch gate;

    final WorkerCore core;
    final EmbeddedWorker worker;
    final VoiceWorkerClient client;

    WorkerFixture(WorkerSettings settings) throws IOException {
        this(settings, new CountDownLatch(0), ClientSettings.defaults());
    }

    WorkerFixture(WorkerSettings settings, CountDownLatch gate, ClientSettings clientSettings) throws IOException {
        this(settings, gate, clientSettings, TestAudio.converters());
    }

    /** @param converters e.g. the production resampler, where the converter's own state is under test */
    WorkerFixture(
            WorkerSettings settings,
            CountDownLatch gate,
            ClientSettings clientSettings,
            AudioConverterFactory converters)
            throws IOException {
        this.gate = gate;
        this.core = new WorkerCore(settings, s -> new ScriptedPolicy(gate), converters, TestAudio.ENGINE);
        this.worker = EmbeddedWorker.start(core);
        this.client = new VoiceWorkerClient(worker.channel(), clientSettings);
    }

    static WorkerSettings settings() {
        return WorkerSettings.defaults("test-worker", "embedded", "0-test");
    }

    static SessionConfig mono16k() {
        return SessionConfig.newBuilder().setSampleRateHz(16000).setChannels(1).build();
    }

    VoiceWorkerGrpc.VoiceWorkerBlockingStub stub() {
        return VoiceWorkerGrpc.newBlockingStub(worker.channel());
    }

    @Override
    public void close() {
        while (gate.getCount() > 0) {
            gate.countDown(); // never leave a session thread parked on the gate
        }
        client.close();
        worker.close(Duration.ofSeconds(2));
    }
}
