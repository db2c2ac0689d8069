package dev.voiceconsole.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceconsole.audio.Pcm16;
import dev.voiceconsole.audio.Resampler;
import dev.voiceconsole.client.ClientSettings;
import dev.voiceconsole.client.TranscriptionProgress;
import dev.voiceconsole.client.TranscriptionResult;
import dev.voiceconsole.client.VoiceWorkerClient;
import dev.voiceconsole.engine.SpeechEngine;
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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole worker wired as in production (gRPC, sessions, resampler, VAD, live and offline policies) with the one
 * part that cannot produce words here, the model, replaced by an engine whose words come from the audio's tones:
 * a lost, duplicated or reordered chunk anywhere in the path changes the transcript.
 */
class ScriptedPipelineTest {

    private SpeechEngine engine;
    private EmbeddedWorker worker;
    private VoiceWorkerClient client;

    private final ToneScript script = new ToneScript()
            .sentence(200, 60, 900, "alpha", "bravo", "charlie")
            .sentence(180, 80, 900, "delta", "echo")
            .sentence(220, 50, 1200, "foxtrot", "alpha", "golf", "hotel");

    @BeforeEach
    void start() throws Exception {
        engine = new ToneWordEngine();
        WorkerCore core = new WorkerCore(
                WorkerSettings.defaults("pipeline-test", "embedded", "test"),
                settings -> TranscriptionPolicies.create(settings, engine, VoiceActivityDetector::new),
                ResamplingAudioConverter::new,
                engine.info());
        worker = EmbeddedWorker.start(core);
        client = new VoiceWorkerClient(worker.channel(), ClientSettings.defaults());
        client.connect();
    }

    @AfterEach
    void stop() {
        client.close();
        worker.close();
    }

    private String expectedText() {
        return script.sentences().stream().map(s -> String.join(" ", s)).collect(Collectors.joining(" "));
    }

    private byte[] pcmAt(int rate) {
        return Pcm16.fromFloat(Resampler.convert(script.samples(), 16_000, rate));
    }

    @ParameterizedTest(name = "live at {0} Hz")
    @ValueSource(ints = {16_000, 48_000})
    void liveSessionTranscribesEverySentenceOnceInOrder(int rate) throws Exception {
        List<StreamEvent> events = new CopyOnWriteArrayList<>();
        TranscriptionResult result =
                client.transcribeLive(pcmAt(rate), rate, 1, SessionConfig.getDefaultInstance(), 20, 0, events::add);

        assertThat(result.text()).isEqualTo(expectedText());
        assertThat(result.segments()).hasSize(script.sentences().size());
        assertThat(events.stream().filter(StreamEvent::hasSpeechStarted))
                .hasSize(script.sentences().size());
        assertThat(events.stream().filter(StreamEvent::hasDecode))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.getTimings().getInferenceMs())
                        .isEqualTo(e.getDecode().getDecodeMs()));
        assertThat(events).allSatisfy(e -> assertThat(e.getSequence()).isPositive());
    }

    @ParameterizedTest(name = "offline at {0} Hz")
    @ValueSource(ints = {16_000, 48_000})
    void offlineSessionGivesTheSameTranscript(int rate) throws Exception {
        List<Double> progress = new CopyOnWriteArrayList<>();
        TranscriptionResult result = client.transcribeOffline(
                pcmAt(rate), rate, 1, SessionConfig.getDefaultInstance(), (TranscriptionProgress)
                        (done, total) -> progress.add(done / total));

        assertThat(result.text()).isEqualTo(expectedText());
        assertThat(progress).isSorted().last().isEqualTo(1.0);
    }
}
