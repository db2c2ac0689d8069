package dev.voiceconsole.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.voiceconsole.proto.v1.CommitConfig;
import dev.voiceconsole.proto.v1.SessionConfig;
import dev.voiceconsole.proto.v1.SessionMode;
import dev.voiceconsole.proto.v1.TtsVoiceConfig;
import dev.voiceconsole.proto.v1.VadConfig;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SessionConfigRejectionTest {

    private static WorkerFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new WorkerFixture(WorkerFixture.settings());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static SessionConfig.Builder valid() {
        return SessionConfig.newBuilder().setSampleRateHz(16000).setChannels(1);
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                Arguments.of(valid().setSampleRateHz(44100), "sample rate must be 16000 or 48000 Hz, was 44100"),
                Arguments.of(valid().setChannels(3), "channels must be 1 or 2, was 3"),
                Arguments.of(valid().setLanguage("english please"), "language must be an ISO code"),
                Arguments.of(
                        valid().setTtsVoice(TtsVoiceConfig.newBuilder().setVoice("")), "tts voice must name a voice"),
                Arguments.of(
                        valid().setTtsVoice(TtsVoiceConfig.newBuilder()
                                .setVoice("anna")
                                .setSpeakingRate(5f)),
                        "speaking rate must be 0 (default) or 0.25..4.0, was 5.0"),
                Arguments.of(
                        valid().setTtsVoice(TtsVoiceConfig.newBuilder()
                                .setVoice("anna")
                                .setPitchSemitones(-25f)),
                        "pitch must be -20..20 semitones, was -25.0"),
                Arguments.of(
                        valid().setVad(VadConfig.newBuilder().setHangoverMs(10)),
                        "VAD hang-over must be 50..5000 ms, was 10"),
                Arguments.of(
                        valid().setVad(VadConfig.newBuilder().setEnergyThresholdDb(Float.NaN)),
                        "VAD energy threshold must be a finite number"),
                Arguments.of(
                        valid().setCommit(CommitConfig.newBuilder().setStepMs(10)),
                        "commit step must be 50..5000 ms, was 10"),
                Arguments.of(
                        valid().setCommit(CommitConfig.newBuilder().setLogprobThreshold(0.5f)),
                        "log-prob threshold must be negative"),
                Arguments.of(valid().setModeValue(7), "unknown session mode 7"));
    }

    @ParameterizedTest
    @MethodSource("badConfigs")
    void badConfigIsInvalidArgumentNamingTheProblem(SessionConfig.Builder config, String expectedMessage) {
        StatusRuntimeException e =
                catchThrowableOfType(StatusRuntimeException.class, () -> fixture.client.createSession(config.build()));
        assertThat(e).isNotNull();
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(e.getStatus().getDescription()).contains(expectedMessage);
        assertThat(fixture.client.health().getActiveSessions()).isZero();
    }

    @Test
    void fullValidConfigIsAccepted() {
        SessionConfig config = SessionConfig.newBuilder()
                .setSampleRateHz(48000)
                .setChannels(2)
                .setLanguage("pt-BR")
                .setMode(SessionMode.SESSION_MODE_OFFLINE)
                .addVocabulary("Kubernetes")
                .setTtsVoice(TtsVoiceConfig.newBuilder()
                        .setVoice("anna")
                        .setSpeakingRate(1.5f)
                        .setPitchSemitones(-3))
                .setVad(VadConfig.newBuilder().setHangoverMs(600))
                .setCommit(CommitConfig.newBuilder().setStepMs(500).setMaxUtteranceMs(20_000))
                .build();
        String id = fixture.client.createSession(config).getSessionId();
        assertThat(id).isNotBlank();
        fixture.client.stopSession(id, 0);
    }
}
