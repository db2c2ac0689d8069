package dev.voiceconsole.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDirectoryTest {

    @TempDir
    Path home;

    @Test
    void followsXdgDataHomeOrFallsBackToTheHomeDirectory() {
        assertThat(ModelDirectory.forUser(Map.of("XDG_DATA_HOME", "/data"), "/home/u")
                        .path())
                .isEqualTo(Path.of("/data/voice-console/models"));
        assertThat(ModelDirectory.forUser(Map.of(), "/home/u").path())
                .isEqualTo(Path.of("/home/u/.local/share/voice-console/models"));
    }

    @Test
    void bareNamesAreFoundInTheModelDirectoryInWhisperCppNaming() throws Exception {
        ModelDirectory models = ModelDirectory.forUser(Map.of(), home.toString());
        Files.createDirectories(models.path());
        Path tiny = Files.writeString(models.path().resolve("ggml-tiny.en.bin"), "x");
        assertThat(models.resolve("tiny.en")).contains(tiny);
        assertThat(models.resolve("ggml-tiny.en.bin")).contains(tiny);
        assertThat(models.resolve("base.en")).isEmpty();
    }

    @Test
    void explicitPathsAreTakenAsTheyAre() throws Exception {
        ModelDirectory models = ModelDirectory.forUser(Map.of(), home.toString());
        Path file = Files.writeString(home.resolve("my-model.bin"), "x");
        assertThat(models.resolve(file.toString())).contains(file);
        assertThat(models.resolve(home.resolve("absent.bin").toString())).isEmpty();
    }
}
