package dev.voiceconsole.client;

import dev.voiceconsole.engine.SpeechEngine;
import dev.voiceconsole.transport.EmbeddedWorker;
import dev.voiceconsole.worker.ResamplingAudioConverter;
import dev.voiceconsole.worker.WorkerCore;
import dev.voiceconsole.worker.WorkerSettings;
import dev.voiceconsole.worker.policy.ToneWordEngine;
import dev.voiceconsole.worker.policy.TranscriptionPolicies;
import dev.voiceconsole.worker.policy.VoiceActivityDetector;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Real workers (sessions, VAD, policies) behind the in-process transport, each with a tone-word engine; closed together. */
final class InProcessToneWorkers implements AutoCloseable {

    private final List<EmbeddedWorker> started = new ArrayList<>();

    EmbeddedWorker start(String id) throws IOException {
        return start(id, new ToneWordEngine());
    }

    EmbeddedWorker start(String id, SpeechEngine engine) throws IOException {
        EmbeddedWorker worker = EmbeddedWorker.start(new WorkerCore(
                WorkerSettings.defaults(id, "embedded", "test"),
                settings -> TranscriptionPolicies.create(settings, engine, VoiceActivityDetector::new),
                ResamplingAudioConverter::new,
                engine.info()));
        started.add(worker);
        return worker;
    }

    @Override
    public void close() {
        started.forEach(w -> w.close(Duration.ofMillis(100)));
    }
}
