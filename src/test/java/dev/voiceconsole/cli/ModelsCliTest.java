package dev.voiceconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voiceconsole.engine.WeightlessModelWriter;
import dev.voiceconsole.models.ModelServer;
import dev.voiceconsole.testing.ModelTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code models list|download|verify|remove} against a real HTTP server standing in for the model host. */
@ModelTest
class ModelsCliTest {

    @TempDir
    Path dir;

    private ModelServer server;
    private byte[] weightless;

    @BeforeEach
    void serve() throws Exception {
        weightless = Files.readAllBytes(WeightlessModelWriter.writeTinyEn(dir.resolve("weightless.bin")));
        server = new ModelServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theCatalogListsTheStandardModelsWithPublishedChecksumsOnly() throws Exception {
        CliTest.Run run = CliTest.run(
                "models",
                "list",
                "--format",
                "json",
                "--models-dir",
                dir.resolve("m").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode models = new ObjectMapper().readTree(run.out());
        assertThat(models)
                .extracting(m -> m.get("name").asText())
                .contains(
                        "tiny",
                        "tiny.en",
                        "base.en",
                        "small",
                        "medium.en",
                        "large-v3",
                        "large-v3-turbo",
                        "large-v3-turbo-q5_0",
                        "tiny-q5_1");
        JsonNode base = find(models, "base.en");
        assertThat(base.get("sha1").asText()).isEqualTo("137c40403d78fd54d454da0f9bd998f78703390c");
        assertThat(base.get("url").asText())
                .isEqualTo("https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-base.en.bin");
        assertThat(base.get("languages").asText()).isEqualTo("English");
        assertThat(find(models, "tiny-q5_1").get("sha1").isNull())
                .as("no published checksum: unverified, never invented")
                .isTrue();
        assertThat(find(models, "large-v3").get("languages").asText()).isEqualTo("multilingual (99)");
    }

    private static JsonNode find(JsonNode models, String name) {
        for (JsonNode m : models) {
            if (m.get("name").asText().equals(name)) {
                return m;
            }
        }
        throw new AssertionError(name + " not listed");
    }

    @Test
    void downloadListVerifyAndRemoveAnUnverifiedModelFromAMirror() throws Exception {
        server.put("ggml-tiny.en-q5_1.bin", weightless);
        String models = dir.resolve("models").toString();
        CliTest.Run download = CliTest.run(
                "models", "download", "tiny.en-q5_1", "--mirror", server.base().toString(), "--models-dir", models);
        assertThat(download.exitCode()).as(download.err()).isZero();
        assertThat(download.err()).contains("no published checksum");
        Path installed = Path.of(models, "ggml-tiny.en-q5_1.bin");
        assertThat(download.out().strip()).isEqualTo(installed.toString());
        assertThat(Files.readAllBytes(installed)).isEqualTo(weightless);

        CliTest.Run list = CliTest.run("models", "list", "--models-dir", models);
        assertThat(list.out().lines().filter(l -> l.startsWith("tiny.en-q5_1 ")))
                .singleElement()
                .satisfies(l -> assertThat(l).contains("unverified").endsWith("installed"));

        CliTest.Run verify = CliTest.run("models", "verify", "tiny.en-q5_1", "--models-dir", models);
        assertThat(verify.exitCode()).as(verify.err()).isZero();
        assertThat(new ObjectMapper().readTree(verify.out()).get("checksum").asText())
                .isEqualTo("unverified");

        assertThat(CliTest.run("models", "remove", "tiny.en-q5_1", "--models-dir", models)
                        .exitCode())
                .isZero();
        assertThat(installed).doesNotExist();
        CliTest.Run again = CliTest.run("models", "remove", "tiny.en-q5_1", "--models-dir", models);
        assertThat(again.exitCode()).isEqualTo(2);
    }

    @Test
    void aDownloadThatFailsThePublishedChecksumIsRefusedWithBothDigests() throws Exception {
        server.put("ggml-tiny.en.bin", weightless); // not the real tiny.en, so not its published SHA-1
        String models = dir.resolve("models").toString();
        CliTest.Run run = CliTest.run(
                "models", "download", "tiny.en", "--mirror", server.base().toString(), "--models-dir", models);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("failed its checksum (expected SHA-1 c78c86eb1a8faa21b369bcd33207cc90d64ae9df, got ");
        assertThat(Path.of(models, "ggml-tiny.en.bin")).doesNotExist();
    }

    @Test
    void anUnknownNameOrAMissingFileIsBadInput() {
        CliTest.Run unknown = CliTest.run("models", "download", "gigantic", "--models-dir", dir.toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no model 'gigantic' in the catalog");
        CliTest.Run notFound = CliTest.run(
                "models", "download", "base.en", "--mirror", server.base().toString(), "--models-dir", dir.toString());
        assertThat(notFound.exitCode()).isEqualTo(2);
        assertThat(notFound.err()).contains("HTTP 404");
    }
}
