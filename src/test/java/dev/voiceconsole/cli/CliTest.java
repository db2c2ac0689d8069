package dev.voiceconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voiceconsole.app.SoftwareVersion;
import dev.voiceconsole.audio.TestSignals;
import dev.voiceconsole.audio.WavWriter;
import dev.voiceconsole.engine.WeightlessModelWriter;
import dev.voiceconsole.testing.ModelTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as users meet it: real WAV files, a real (weightless) model, real native inference. */
@ModelTest
class CliTest {

    @TempDir
    static Path dir;

    static Path model;
    static Path speech;

    record Run(int exitCode, String out, String err) {
        List<JsonNode> jsonLines() throws Exception {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : out.split("\n", -1)) {
                if (!line.isBlank()) {
                    lines.add(new ObjectMapper().readTree(line));
                }
            }
            return lines;
        }
    }

    @BeforeAll
    static void fixtures() throws Exception {
        model = WeightlessModelWriter.writeTinyEn(dir.resolve("tiny.en.bin"));
        speech = dir.resolve("speech.wav");
        WavWriter.write(speech, 16_000, TestSignals.speechLike(6, 16_000, 42));
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = VoiceConsoleCommand.create(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void versionNamesTheBuild() {
        Run run = run("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).isEqualTo("voice-console " + SoftwareVersion.current());
        assertThat(SoftwareVersion.current()).doesNotContain("${").isNotEqualTo("unknown");
    }

    @Test
    void batchTranscriptionOfAStereo44kFileSucceedsAsJson() throws Exception {
        Path stereo = dir.resolve("stereo44k.wav");
        float[] left = TestSignals.speechLike(4, 44_100, 7);
        WavWriter.write(stereo, 44_100, 2, TestSignals.interleave(left, left));
        Run run =
                run("transcribe", stereo.toString(), "--model", model.toString(), "--format", "json", "--threads", "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        // The weightless model decodes at full cost and yields no words, so there are no segments to show.
        assertThat(new ObjectMapper().readTree(run.out()).get("segments").isArray())
                .isTrue();
    }

    @Test
    void streamModePrintsOneJsonLinePerEventWithLatencies() throws Exception {
        Run run = run("transcribe", speech.toString(), "--model", model.toString(), "--stream", "--pace", "0");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> lines = run.jsonLines();
        List<String> types = lines.stream().map(l -> l.get("type").asText()).toList();
        assertThat(types).contains("ack", "speech_started", "speech_ended", "decode");
        assertThat(types.get(types.size() - 1)).isEqualTo("summary");
        assertThat(lines.stream().filter(l -> l.get("type").asText().equals("decode")))
                .allSatisfy(l -> {
                    assertThat(l.get("timings").get("inference_ms").asDouble()).isPositive();
                    assertThat(l.get("latency_ms").asDouble()).isPositive();
                });
        assertThat(lines.get(lines.size() - 1)
                        .get("chunk_round_trip_ms")
                        .get("count")
                        .asInt())
                .isEqualTo(300); // 6 s in 20-ms chunks, every one acknowledged
    }

    @Test
    void modelsVerifyPrintsTheHyperParameters() throws Exception {
        Run run = run("models", "verify", model.toString());
        assertThat(run.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("type").asText()).isEqualTo("tiny.en");
        assertThat(json.get("weightless").asBoolean()).isTrue();
        assertThat(json.get("hparams").get("nAudioState").asInt()).isEqualTo(384);
        assertThat(json.get("vocab_tokens").asInt()).isEqualTo(50257);
    }

    @Test
    void makeTestModelWritesAValidModel() {
        Path written = dir.resolve("made/base.bin");
        Run run = run("models", "make-test-model", written.toString(), "--shape", "base.en");
        assertThat(run.exitCode()).isZero();
        assertThat(run("models", "verify", written.toString()).out()).contains("\"type\" : \"base.en\"");
    }

    // ---- bad input: exit code 2 and one readable line, never a stack trace

    @Test
    void missingWavFile() {
        Path missing = dir.resolve("missing.wav");
        assertBadInput(
                run("transcribe", missing.toString(), "--model", model.toString()),
                "voice-console: " + missing + ": no such file");
    }

    @Test
    void fileThatIsNotAWav() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.wav"), "hello, this is not audio at all");
        assertBadInput(
                run("transcribe", text.toString(), "--model", model.toString()),
                "voice-console: notes.wav is not a WAV file");
    }

    @Test
    void corruptModel() throws Exception {
        Path cut = Files.write(dir.resolve("cut.bin"), Arrays.copyOf(Files.readAllBytes(model), 5000));
        assertBadInput(
                run("transcribe", speech.toString(), "--model", cut.toString()),
                "voice-console: cut.bin is truncated: mel filters need 64320 bytes at offset 56, file has 5000 bytes");
        assertBadInput(run("models", "verify", cut.toString()), "voice-console: cut.bin is truncated");
    }

    @Test
    void missingModelFile() {
        Path missing = dir.resolve("nomodel.bin");
        assertBadInput(
                run("transcribe", speech.toString(), "--model", missing.toString()),
                "voice-console: " + missing + ": no such model file (nor a model of that name in ");
    }

    @Test
    void unknownFormat() {
        assertBadInput(
                run("transcribe", speech.toString(), "--model", model.toString(), "--format", "doc"),
                "voice-console: unknown format 'doc' (use txt, json, srt or vtt)");
    }

    @Test
    void threadCountOutOfRange() {
        assertBadInput(
                run("transcribe", speech.toString(), "--model", model.toString(), "--threads", "0"),
                "voice-console: --threads must be 1..64, was 0");
    }

    @Test
    void negativePace() {
        assertBadInput(
                run("transcribe", speech.toString(), "--model", model.toString(), "--stream", "--pace", "-1"),
                "voice-console: --pace must be 0 (as fast as possible) or positive, was -1.0");
    }

    @Test
    void missingRequiredOptionAndUnknownOption() {
        assertBadInput(
                run("transcribe", speech.toString()), "voice-console: --model is required (except with --mode remote)");
        assertBadInput(
                run("transcribe", speech.toString(), "--model", model.toString(), "--colour"),
                "voice-console: unknown option '--colour'");
    }

    @Test
    void whatOnlyTheWorkerCanCheckIsSaidInItsOwnWordsWithoutTheGrpcStatus() {
        Run run = run("transcribe", speech.toString(), "--model", model.toString(), "--prompt", "x".repeat(4001));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).isEqualTo("voice-console: initial prompt must be at most 4000 characters, was 4001\n");
    }

    private static void assertBadInput(Run run, String messageStart) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith(messageStart).doesNotContain("\tat ").doesNotContain("Exception");
    }
}
