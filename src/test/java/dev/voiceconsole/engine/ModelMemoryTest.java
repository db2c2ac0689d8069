package dev.voiceconsole.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModelMemoryTest {

    @Test
    void realShapesComeOutNearTheirPublishedSizes() {
        // ggml-tiny.en.bin is 75 MB and ggml-base.en.bin 142 MB of f16 weights; the caches add a little.
        assertThat(ModelMemory.estimateBytes(WhisperHparams.tinyEn())).isBetween(75_000_000L, 110_000_000L);
        assertThat(ModelMemory.estimateBytes(WhisperHparams.baseEn())).isBetween(140_000_000L, 190_000_000L);
        assertThat(ModelMemory.estimateBytes(WhisperHparams.baseEn().withFtype(2)))
                .as("q4_0 weights are about a quarter of f16")
                .isLessThan(ModelMemory.estimateBytes(WhisperHparams.baseEn()) / 2);
    }

    @Test
    void aShapeBeyondTheMachineIsRefusedWithBothFigures() {
        Path model = Path.of("/models/huge.bin");
        WhisperHparams huge = new WhisperHparams(51864, 4096, 8192, 128, 128, 4096, 8192, 128, 128, 80, 1);
        assertThatThrownBy(() -> ModelMemory.requireFits(model, huge, 16_000_000_000L))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageStartingWith("huge.bin needs about 517 GB of memory to load")
                .hasMessageContaining("more than this machine's 16 GB");
        assertThatCode(() -> ModelMemory.requireFits(model, WhisperHparams.tinyEn(), 16_000_000_000L))
                .doesNotThrowAnyException();
    }
}
