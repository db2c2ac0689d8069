package dev.voiceconsole.journal;

import dev.voiceconsole.audio.Pcm16;
import dev.voiceconsole.client.ClientSettings;
import dev.voiceconsole.client.StreamListener;
import dev.voiceconsole.client.VoiceWorkerClient;
import dev.voiceconsole.proto.v1.SessionConfig;
import dev.voiceconsole.proto.v1.StreamEvent;
import dev.voiceconsole.transport.EmbeddedWorker;
import dev.voiceconsole.worker.ResamplingAudioConverter;
import dev.voiceconsole.worker.WorkerCore;
import dev.voiceconsole.worker.WorkerSettings;
import dev.voiceconsole.worker.policy.ToneScript;
import dev.voiceconsole.worker.policy.ToneWordEngine;
import dev.voiceconsole.worker.policy.TranscriptionPolicies;
import dev.voiceconsole.worker.policy.VoiceActivityDetector;
import java.nio.file.Path;

/**
 * A dictating app in a child process for the kill test: the real embedded worker (gRPC in-process, VAD, live policy;
 * tone-word engine) streams three sentences, a {@link JournalRecorder} records the finals, and each final is printed
 * on stdout only after the recorder has written it.
 */
public final class JournalingDictationMain {

    private JournalingDictationMain() {}

    public static void main(String[] args) throws Exception {
        Path journalFile = Path.of(args[0]);
        ToneWordEngine engine = new ToneWordEngine();
        WorkerCore core = new WorkerCore(
                WorkerSettings.defaults("journal-child", "embedded", "test"),
                s -> TranscriptionPolicies.create(s, engine, VoiceActivityDetector::new),
                ResamplingAudioConverter::new,
                engine.info());
        EmbeddedWorker worker = EmbeddedWorker.start(core);
        ToneScript script = new ToneScript()
                .pause(300)
                .sentence(200, 100, 1300, "alpha", "bravo", "charlie")
                .sentence(200, 100, 1300, "delta", "echo", "foxtrot")
                .sentence(200, 100, 1300, "golf", "hotel", "india");
        try (Journal journal = Journal.open(journalFile);
                VoiceWorkerClient client = new VoiceWorkerClient(worker.channel(), ClientSettings.defaults())) {
            JournalRecorder recorder = JournalRecorder.start(journal, "microphone", "tone", "embedded", e -> {
                throw e;
            });
            StreamListener printer = new StreamListener() {
                @Override
                public void onEvent(StreamEvent event) {
                    recorder.onEvent(event);
                    if (event.hasFinal()) {
                        System.out.println("final " + event.getFinal().getText());
                        System.out.flush();
                    }
                }
            };
            client.transcribeLive(
                    Pcm16.fromFloat(script.samples()),
                    16_000,
                    1,
                    SessionConfig.newBuilder().setLanguage("en").build(),
                    20,
                    1.0,
                    printer);
            recorder.end();
            System.out.println("done");
        }
    }
}
