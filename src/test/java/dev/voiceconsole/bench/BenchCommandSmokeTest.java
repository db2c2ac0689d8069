package dev.voiceconsole.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceconsole.cli.VoiceConsoleCommand;
import dev.voiceconsole.engine.WeightlessModelWriter;
import dev.voiceconsole.testing.ModelTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@ModelTest
class BenchCommandSmokeTest {

    private static final List<String> EXPECTED = List.of(
            "audio_s",
            "raw_decode_ms",
            "batch_embedded_ms",
            "batch_embedded_ratio",
            "batch_embedded_ratio_min",
            "batch_embedded_ratio_max",
            "live_embedded_first_decode_p50_ms",
            "live_embedded_first_decode_p95_ms",
            "live_embedded_final_decode_p50_ms",
            "live_embedded_final_decode_p95_ms",
            "live_embedded_decodes",
            "live_embedded_reprocessed_s_per_decode",
            "live_embedded_chunk_rtt_p50_ms",
            "live_embedded_chunk_rtt_p95_ms",
            "live_embedded_chunk_rtt_p99_ms",
            "sidecar_start_ms",
            "sidecar_rss_mib",
            "batch_sidecar_ms",
            "batch_sidecar_ratio",
            "batch_sidecar_ratio_min",
            "batch_sidecar_ratio_max",
            "live_embedded_48k_first_decode_p50_ms",
            "live_embedded_48k_final_decode_p50_ms",
            "live_embedded_48k_chunk_rtt_p50_ms",
            "live_sidecar_first_decode_p50_ms",
            "live_sidecar_final_decode_p50_ms",
            "live_sidecar_decodes",
            "live_sidecar_chunk_rtt_p50_ms",
            "live_sidecar_chunk_rtt_p95_ms",
            "live_sidecar_chunk_rtt_p99_ms",
            "throughput_10_sessions_in_process_chunks_per_s",
            "throughput_10_sessions_loopback_chunks_per_s",
            "throughput_10_sessions_real_engine_chunks_per_s");

    @Test
    void quickJsonRunReportsEveryFigureAsAPositiveFiniteNumber(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("tiny.bin");
        WeightlessModelWriter.writeTinyEn(model);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = VoiceConsoleCommand.create(new PrintWriter(out), new PrintWriter(err))
                .execute("bench", "--model", model.toString(), "--quick", "--format", "json", "--threads", "1");

        assertThat(exit).as(err.toString()).isZero();
        Map<String, Double> figures = parse(out.toString());
        assertThat(figures.keySet()).containsAll(EXPECTED);
        assertThat(figures)
                .doesNotContainKey("growth_120s_first_quarter_p50_ms")
                .doesNotContainKey("growth_120s_sidecar_48k_first_quarter_p50_ms");
        figures.forEach((name, value) -> assertThat(value).as(name).isFinite().isPositive());
        for (String mode : List.of("batch_embedded", "batch_sidecar")) {
            assertThat(figures.get(mode + "_ratio_min")).as(mode).isLessThanOrEqualTo(figures.get(mode + "_ratio"));
            assertThat(figures.get(mode + "_ratio")).as(mode).isLessThanOrEqualTo(figures.get(mode + "_ratio_max"));
        }
        for (String stream : List.of("live_embedded", "live_sidecar")) {
            assertThat(figures.get(stream + "_chunk_rtt_p50_ms"))
                    .as(stream)
                    .isLessThanOrEqualTo(figures.get(stream + "_chunk_rtt_p95_ms"));
            assertThat(figures.get(stream + "_chunk_rtt_p95_ms"))
                    .as(stream)
                    .isLessThanOrEqualTo(figures.get(stream + "_chunk_rtt_p99_ms"));
        }
    }

    private static Map<String, Double> parse(String json) {
        Map<String, Double> figures = new LinkedHashMap<>();
        Matcher m =
                Pattern.compile("\"([a-z0-9_]+)\": (-?[0-9.]+|NaN|-?Infinity)").matcher(json);
        while (m.find()) {
            figures.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return figures;
    }
}
