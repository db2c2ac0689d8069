package dev.voiceconsole.ui.shell;

import dev.voiceconsole.client.WorkerHandle;
import dev.voiceconsole.client.WorkerProvider;
import dev.voiceconsole.settings.UiSettings;
import dev.voiceconsole.transport.EmbeddedWorker;
import dev.voiceconsole.worker.ResamplingAudioConverter;
import dev.voiceconsole.worker.WorkerCore;
import dev.voiceconsole.worker.WorkerSettings;
import dev.voiceconsole.worker.policy.ToneWordEngine;
import dev.voiceconsole.worker.policy.TranscriptionPolicies;
import dev.voiceconsole.worker.policy.VoiceActivityDetector;
import io.grpc.Channel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real embedded worker (gRPC in-process transport, sessions, resampler, VAD, live policy) whose engine turns
 * tones into words, so the console under test receives real partial and final events.
 */
public final class ToneWorkerProvider implements WorkerProvider {

    public final AtomicInteger started = new AtomicInteger();

    @Override
    public WorkerHandle start(UiSettings settings) throws Exception {
        ToneWordEngine engine = new ToneWordEngine();
        WorkerCore core = new WorkerCore(
                WorkerSettings.defaults("ui-test-" + started.incrementAndGet(), "embedded", "test"),
                s -> TranscriptionPolicies.create(s, engine, VoiceActivityDetector::new),
                ResamplingAudioConverter::new,
                engine.info());
        EmbeddedWorker worker = EmbeddedWorker.start(core);
        return new WorkerHandle() {
            @Override
            public Channel channel() {
                return worker.channel();
            }

            @Override
            public String mode() {
                return "embedded (tone engine)";
            }

            @Override
            public void close() {
                worker.close(Duration.ofSeconds(2));
                engine.close();
            }
        };
    }
}
