package dev.voiceconsole.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.voiceconsole.cli.VoiceConsoleCommand;
import dev.voiceconsole.engine.WeightlessModelWriter;
import dev.voiceconsole.testing.ChildProcessTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@ChildProcessTest
class SoakTest {

    @Test
    void aTrendIsTheLeastSquaresSlopePerHour() {
        // 100 MB growing 1 MB per minute, with noise that averages out: 60 MB/h, 60 % of the first sample per hour.
        List<MemoryTrend.Sample> samples = IntStream.range(0, 31)
                .mapToObj(i -> new MemoryTrend.Sample(i * 60.0, 100e6 + i * 1e6 + (i % 2 == 0 ? 5e5 : -5e5)))
                .toList();
        MemoryTrend t = MemoryTrend.of(samples);
        assertThat(t.bytesPerHour()).isCloseTo(60e6, within(1e6));
        assertThat(t.percentPerHour()).isCloseTo(60 / 1.005, within(1.0));
        assertThat(t.minBytes()).isEqualTo(100.5e6);
        assertThat(t.samples()).isEqualTo(31);
        MemoryTrend flat = MemoryTrend.of(List.of(new MemoryTrend.Sample(0, 5e8), new MemoryTrend.Sample(60, 5e8)));
        assertThat(flat.percentPerHour()).isZero();
    }

    @Test
    void aShortSoakAgainstARealSidecarReportsMemoryAndItsGrowth(@TempDir Path dir) throws Exception {
        Path model = WeightlessModelWriter.writeTinyEn(dir.resolve("tiny.bin"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = VoiceConsoleCommand.create(new PrintWriter(out), new PrintWriter(err))
                .execute(
                        "bench",
                        "--model",
                        model.toString(),
                        "--soak",
                        "0.25",
                        "--sessions",
                        "2",
                        "--threads",
                        "1",
                        "--format",
                        "json");
        assertThat(exit).as(err.toString()).isZero();
        Map<String, Double> f = new java.util.LinkedHashMap<>();
        Matcher m = Pattern.compile("\"([a-z0-9_]+)\": (-?[0-9.]+)").matcher(out.toString());
        while (m.find()) {
            f.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        assertThat(f.get("soak_sessions")).isEqualTo(2);
        assertThat(f.get("soak_minutes")).isGreaterThanOrEqualTo(0.25);
        assertThat(f.get("soak_chunks"))
                .as("two sessions at 50 chunks/s for 15 s")
                .isGreaterThan(1_000);
        assertThat(f.get("soak_error_events")).isZero();
        assertThat(f.get("soak_rss_samples")).isGreaterThanOrEqualTo(5);
        assertThat(f.get("soak_rss_min_mib")).isPositive();
        assertThat(f).containsKeys("soak_rss_growth_percent_per_hour", "soak_heap_growth_mib_per_hour");
        assertThat(err.toString()).contains("soak ", " rss ", " heap ");
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive))
                .isEmpty();
    }
}
