package dev.voiceconsole.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DownloadMeterTest {

    private static final long MIB = 1 << 20;
    private static final long SECOND = 1_000_000_000L;

    @Test
    void saysShareSizeSpeedAndTimeLeftFromTheServersSize() {
        DownloadMeter meter = new DownloadMeter(OptionalLong.of(142 * MIB));
        meter.update(0, 0, 100 * MIB);
        DownloadMeter.Reading r = meter.update(2 * SECOND, 10 * MIB, 100 * MIB);

        assertThat(r.fraction()).isEqualTo(0.1);
        assertThat(r.bytesPerSecond()).isEqualTo(5.0 * MIB);
        assertThat(r.secondsLeft()).hasValue(18);
        assertThat(r.describe()).isEqualTo("10 % · 10.0 of 100.0 MiB · 5.0 MiB/s · 18 s left");
    }

    @Test
    void theSpeedIsTheLastFewSecondsSoAStallShowsAtOnce() {
        DownloadMeter meter = new DownloadMeter(OptionalLong.empty());
        for (int s = 0; s <= 10; s++) {
            meter.update(s * SECOND, s * 10L * MIB, 1000 * MIB);
        }
        // ten seconds at 10 MiB/s, then four without a byte
        DownloadMeter.Reading stalled = meter.update(14 * SECOND, 100 * MIB, 1000 * MIB);

        assertThat(stalled.bytesPerSecond()).isZero();
        assertThat(stalled.secondsLeft()).isEmpty();
        assertThat(stalled.describe()).isEqualTo("10 % · 100.0 of 1000.0 MiB");
    }

    @Test
    void withoutTheServersSizeThePublishedOneStandsInMarkedApproximate() {
        DownloadMeter meter = new DownloadMeter(OptionalLong.of(100 * MIB));
        meter.update(0, 0, -1);
        DownloadMeter.Reading r = meter.update(60 * SECOND, 30 * MIB, -1);

        assertThat(r.approximate()).isTrue();
        assertThat(r.describe()).isEqualTo("about 30 % · 30.0 of about 100.0 MiB · 0.5 MiB/s · 2 min 20 s left");
        // a rounded published size never shows more done than there is
        DownloadMeter.Reading past = meter.update(61 * SECOND, 101 * MIB, -1);
        assertThat(past.fraction()).isEqualTo(1.0);
        assertThat(past.total()).isEqualTo(101 * MIB);
        assertThat(past.describe()).startsWith("about 100 % · 101.0 of about 101.0 MiB");
    }

    @Test
    void withNoSizeAtAllOnlyWhatArrivedIsShown() {
        DownloadMeter meter = new DownloadMeter(OptionalLong.empty());
        meter.update(0, 0, -1);
        DownloadMeter.Reading r = meter.update(SECOND, 3 * MIB / 2, -1);

        assertThat(r.fraction()).isEqualTo(-1);
        assertThat(r.describe()).isEqualTo("1.5 MiB · 1.5 MiB/s");
    }

    @Test
    void publishedSizesAreReadFromTheCatalogsWording() {
        assertThat(model("142 MiB").diskBytes()).hasValue(142 * MIB);
        assertThat(model("1.5 GiB").diskBytes()).hasValue(3 * 512 * MIB);
        assertThat(model("?").diskBytes()).isEmpty();
        assertThat(ModelCatalog.standard().recommended())
                .hasValueSatisfying(m -> assertThat(m.diskBytes()).isPresent());
    }

    private static CatalogModel model(String disk) {
        return new CatalogModel(
                "x",
                java.net.URI.create("http://localhost/x"),
                java.util.Optional.of(disk),
                java.util.Optional.empty());
    }
}
