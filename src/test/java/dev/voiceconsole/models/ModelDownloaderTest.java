package dev.voiceconsole.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceconsole.engine.WeightlessModelWriter;
import dev.voiceconsole.testing.ChildProcessTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Downloads over a real HTTP server on loopback, with the model file the suite generates itself. */
@ChildProcessTest
class ModelDownloaderTest {

    @TempDir
    Path dir;

    private ModelServer server;
    private byte[] model;
    private String sha1;
    private Path models;

    @BeforeEach
    void serve() throws Exception {
        model = Files.readAllBytes(WeightlessModelWriter.writeTinyEn(dir.resolve("source.bin")));
        sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(model));
        server = new ModelServer();
        server.put("ggml-tiny.en.bin", model);
        models = dir.resolve("models");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CatalogModel entry(String checksumHex) {
        return new CatalogModel(
                "tiny.en",
                URI.create(server.base() + "/ggml-tiny.en.bin"),
                Optional.of("75 MiB"),
                Optional.ofNullable(checksumHex).map(h -> new Checksum("SHA-1", h)));
    }

    /** Stalls are cut after 2 s: long enough for a loaded CI machine to keep a live connection flowing. */
    private static ModelDownloader downloader(DiskSpace disk) {
        return new ModelDownloader(HttpClient.newHttpClient(), disk, 3, Duration.ofMillis(1), Duration.ofSeconds(2));
    }

    private static ModelDownloader downloader() {
        return downloader(DiskSpace.fileStore());
    }

    @Test
    void aFullDownloadIsVerifiedAndInstalledWithProgressToTheEnd() throws Exception {
        List<long[]> progress = new ArrayList<>();
        ModelDownloader.Installed installed = downloader()
                .download(entry(sha1), models, (done, total) -> progress.add(new long[] {done, total}), () -> false);

        assertThat(installed.file()).isEqualTo(models.resolve("ggml-tiny.en.bin"));
        assertThat(installed.verified()).isTrue();
        assertThat(Files.readAllBytes(installed.file())).isEqualTo(model);
        assertThat(models.resolve("ggml-tiny.en.bin.part")).doesNotExist();
        assertThat(progress.get(progress.size() - 1)).containsExactly(model.length, model.length);
        assertThat(progress).extracting(p -> p[0]).isSorted();
    }

    @Test
    void aConnectionDroppedMidFileIsResumedWithARangeRequest() throws Exception {
        server.dropNextAfter.set(model.length / 3);
        ModelDownloader.Installed installed = downloader().download(entry(sha1), models, (d, t) -> {}, () -> false);

        assertThat(Files.readAllBytes(installed.file())).isEqualTo(model);
        assertResumedOnceWithin(model.length / 3);
    }

    /**
     * The download took two requests, the second resuming from what had arrived when the first broke off (what was
     * in flight is lost with the connection), so at most {@code sent} bytes in.
     */
    private void assertResumedOnceWithin(long sent) {
        assertThat(server.ranges).hasSize(2);
        assertThat(server.ranges.get(0)).isEmpty();
        assertThat(server.ranges.get(1)).matches("bytes=\\d+-");
        long resumedAt = Long.parseLong(server.ranges.get(1).replaceAll("\\D", ""));
        assertThat(resumedAt).isPositive().isLessThanOrEqualTo(sent);
    }

    @Test
    @Timeout(60) // without the watch, the blocked read never returns
    void aConnectionThatGoesSilentIsDroppedAndTheDownloadResumes() throws Exception {
        server.stallNextAfter.set(model.length / 2);
        ModelDownloader.Installed installed = downloader().download(entry(sha1), models, (d, t) -> {}, () -> false);

        assertThat(Files.readAllBytes(installed.file())).isEqualTo(model);
        assertThat(server.stalled.getCount()).isZero();
        assertResumedOnceWithin(model.length / 2);
    }

    @Test
    @Timeout(60) // without the watch, the blocked read never returns
    void cancelWorksWhileTheConnectionIsSilent() throws Exception {
        server.stallNextAfter.set(model.length / 2);
        // Cancelled once every byte the server will send has arrived: the next read blocks, and only closing the
        // body from the side can end it.
        AtomicLong received = new AtomicLong();
        ModelDownloader patient = new ModelDownloader(
                HttpClient.newHttpClient(), DiskSpace.fileStore(), 3, Duration.ofMillis(1), Duration.ofHours(1));
        assertThatThrownBy(() -> patient.download(
                        entry(sha1), models, (d, t) -> received.set(d), () -> received.get() == model.length / 2))
                .isInstanceOf(ModelDownloadException.class)
                .hasMessageContaining("cancelled");
        assertThat(Files.size(models.resolve("ggml-tiny.en.bin.part")))
                .isPositive()
                .isLessThanOrEqualTo(model.length / 2);
        assertThat(server.ranges).hasSize(1);
    }

    @Test
    void aServerThatIgnoresRangeMakesTheDownloadStartOverCleanly() throws Exception {
        Files.createDirectories(models);
        Files.write(models.resolve("ggml-tiny.en.bin.part"), new byte[] {1, 2, 3, 4, 5});
        server.ignoreRange = true;
        ModelDownloader.Installed installed = downloader().download(entry(sha1), models, (d, t) -> {}, () -> false);
        assertThat(server.ranges).containsExactly("bytes=5-");
        assertThat(Files.readAllBytes(installed.file())).isEqualTo(model);
    }

    @Test
    void aCancelledDownloadKeepsItsPartAndTheNextRunResumesIt() throws Exception {
        AtomicInteger blocks = new AtomicInteger();
        assertThatThrownBy(() ->
                        downloader().download(entry(sha1), models, (d, t) -> {}, () -> blocks.incrementAndGet() > 2))
                .isInstanceOf(ModelDownloadException.class)
                .hasMessageContaining("cancelled");
        long kept = Files.size(models.resolve("ggml-tiny.en.bin.part"));
        assertThat(kept).isPositive().isLessThan(model.length);
        assertThat(models.resolve("ggml-tiny.en.bin")).doesNotExist();

        ModelDownloader.Installed installed = downloader().download(entry(sha1), models, (d, t) -> {}, () -> false);
        assertThat(server.ranges.get(server.ranges.size() - 1)).isEqualTo("bytes=" + kept + "-");
        assertThat(Files.readAllBytes(installed.file())).isEqualTo(model);
    }

    @Test
    void aWrongChecksumIsRefusedAndNothingIsLeftInstalled() {
        String wrong = "0".repeat(40);
        assertThatThrownBy(() -> downloader().download(entry(wrong), models, (d, t) -> {}, () -> false))
                .isInstanceOf(ModelDownloadException.class)
                .hasMessageContaining("failed its checksum (expected SHA-1 " + wrong + ", got " + sha1 + ")")
                .hasMessageContaining("nothing was installed");
        assertThat(models.resolve("ggml-tiny.en.bin")).doesNotExist();
        assertThat(models.resolve("ggml-tiny.en.bin.part")).doesNotExist();
    }

    @Test
    void aModelWithoutAPublishedChecksumIsInstalledMarkedUnverified() throws Exception {
        ModelDownloader.Installed installed = downloader().download(entry(null), models, (d, t) -> {}, () -> false);
        assertThat(installed.verified()).isFalse();
        assertThat(new ModelStore(models, new ModelCatalog(List.of(entry(null))))
                        .verify(installed.file())
                        .verification())
                .isEqualTo(ModelStore.Verification.UNVERIFIED);
    }

    @Test
    void aMissingFileIsA404WithTheAddress() {
        CatalogModel missing = new CatalogModel(
                "base.en", URI.create(server.base() + "/ggml-base.en.bin"), Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> downloader().download(missing, models, (d, t) -> {}, () -> false))
                .isInstanceOf(ModelDownloadException.class)
                .hasMessage("base.en: not found at " + server.base() + "/ggml-base.en.bin (HTTP 404)");
    }

    @Test
    void aFullDiskIsSaidBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> downloader(d -> 1_000_000).download(entry(sha1), models, (d, t) -> {}, () -> false))
                .isInstanceOf(ModelDownloadException.class)
                .hasMessageContaining("needs " + String.format(java.util.Locale.ROOT, "%.1f", model.length / 1e6)
                        + " MB more but only 1.0 MB are free in " + models);
        assertThat(models.resolve("ggml-tiny.en.bin.part")).doesNotExist();
        assertThat(models.resolve("ggml-tiny.en.bin")).doesNotExist();
    }

    @Test
    void aFileThatIsNotAModelIsRefusedEvenWithoutAChecksum() {
        server.put("ggml-tiny.en.bin", "<html>Rate limited</html>".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> downloader().download(entry(null), models, (d, t) -> {}, () -> false))
                .isInstanceOf(ModelDownloadException.class)
                .hasMessageContaining("not a usable model");
        assertThat(models.resolve("ggml-tiny.en.bin")).doesNotExist();
    }

    @Test
    void aRefusedConnectionIsSaidInWordsAfterTheRetries() throws Exception {
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort(); // closed again below: nothing listens there
        }
        CatalogModel nowhere = new CatalogModel(
                "tiny.en",
                URI.create("http://127.0.0.1:" + closedPort + "/models/ggml-tiny.en.bin"),
                Optional.of("75 MiB"),
                Optional.empty());

        assertThatThrownBy(() -> downloader().download(nowhere, models, (d, t) -> {}, () -> false))
                .isInstanceOf(ModelDownloadException.class)
                .hasMessage("tiny.en: download failed after 3 attempts (cannot connect to 127.0.0.1:" + closedPort
                        + ": nothing answers there (is the network up?)); run it again to resume from 0 bytes");
    }
}
