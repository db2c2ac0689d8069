package dev.voiceconsole.models;

import dev.voiceconsole.engine.InvalidModelException;
import dev.voiceconsole.engine.ModelValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads a catalog model into the model directory: into {@code ggml-NAME.bin.part} first, resuming it with a
 * Range request after an interruption (the same run retries, a later run picks the part up), checking free space
 * before it writes, then the publisher's checksum and the ggml format, and only then moving it into place. A file
 * that fails a check is deleted, never installed.
 */
public final class ModelDownloader {

    private static final Logger log = LoggerFactory.getLogger(ModelDownloader.class);
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    /** Room left over after a download, so finishing one does not fill the disk to the last byte. */
    private static final long SPARE_BYTES = 16L << 20;

    /** Bytes so far and in all; {@code total} is -1 while the server has not said. */
    @FunctionalInterface
    public interface Progress {
        void update(long done, long total);
    }

    /**
     * A model moved into place after its checks.
     *
     * @param verified whether a published checksum was checked (false: the catalog has none for it)
     */
    public record Installed(Path file, boolean verified) {}

    private final HttpClient http;
    private final DiskSpace disk;
    private final int attempts;
    private final Duration firstRetry;
    private final Duration stallTimeout;

    /** @param stallTimeout a connection that delivers nothing for this long is dropped and the download resumed */
    public ModelDownloader(HttpClient http, DiskSpace disk, int attempts, Duration firstRetry, Duration stallTimeout) {
        this.http = http;
        this.disk = disk;
        this.attempts = attempts;
        this.firstRetry = firstRetry;
        this.stallTimeout = stallTimeout;
    }

    public static ModelDownloader standard() {
        return new ModelDownloader(
                HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .connectTimeout(Duration.ofSeconds(20))
                        .build(),
                DiskSpace.fileStore(),
                5,
                Duration.ofSeconds(1),
                Duration.ofSeconds(30));
    }

    /**
     * Downloads {@code model} into {@code directory}, resuming a part file left by an earlier try, and installs it
     * once its checks pass.
     *
     * @param cancelled polled between blocks; a cancelled download keeps its part file for a later resume
     */
    public Installed download(CatalogModel model, Path directory, Progress progress, BooleanSupplier cancelled)
            throws ModelDownloadException, InterruptedException {
        Path target = directory.resolve(model.fileName());
        Path part = directory.resolve(model.fileName() + ".part");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new ModelDownloadException("model folder " + directory + " cannot be created: " + e.getMessage(), e);
        }
        fetch(model, part, progress, cancelled);
        boolean verified = verify(model, part);
        try {
            ModelValidator.validate(part);
        } catch (InvalidModelException e) {
            deleteQuietly(part);
            throw new ModelDownloadException(
                    model.name() + ": the downloaded file is not a usable model (" + e.getMessage()
                            + "); it was removed",
                    e);
        }
        try {
            try {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new ModelDownloadException(
                    model.name() + ": could not move the download into " + target + ": " + e.getMessage(), e);
        }
        log.info(
                "installed {} ({}, {})",
                target,
                size(target),
                verified ? "checksum verified" : "unverified: no published checksum");
        return new Installed(target, verified);
    }

    private void fetch(CatalogModel model, Path part, Progress progress, BooleanSupplier cancelled)
            throws ModelDownloadException, InterruptedException {
        IOException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                long wait = firstRetry.toMillis() << Math.min(10, attempt - 2);
                log.warn(
                        "{}: download interrupted ({}); resuming in {} ms (attempt {} of {})",
                        model.name(),
                        NetworkFailure.describe(last, model.url()),
                        wait,
                        attempt,
                        attempts);
                TimeUnit.MILLISECONDS.sleep(wait); // back-off between retries, not synchronization
            }
            try {
                fetchOnce(model, part, progress, cancelled);
                return;
            } catch (IOException e) {
                last = e;
            }
        }
        throw new ModelDownloadException(
                model.name() + ": download failed after " + attempts + " attempts ("
                        + (last == null ? "incomplete" : NetworkFailure.describe(last, model.url()))
                        + "); run it again to resume from " + size(part) + " bytes",
                last);
    }

    /** Returns once the part file holds the whole model; a broken connection is an IOException (retried). */
    private void fetchOnce(CatalogModel model, Path part, Progress progress, BooleanSupplier cancelled)
            throws IOException, ModelDownloadException, InterruptedException {
        long have = Files.exists(part) ? Files.size(part) : 0;
        HttpRequest.Builder request = HttpRequest.newBuilder(model.url())
                .timeout(Duration.ofMinutes(2))
                .GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            long total;
            boolean append;
            if (status == 416 && have > 0) {
                return; // nothing after what we have: the part is complete
            } else if (status == 206) {
                Matcher m = CONTENT_RANGE.matcher(
                        response.headers().firstValue("Content-Range").orElse(""));
                if (!m.matches() || Long.parseLong(m.group(1)) != have) {
                    throw new ModelDownloadException(model.name()
                            + ": the server answered the resume with an unexpected" + " range ("
                            + response.headers().firstValue("Content-Range").orElse("none") + ")");
                }
                total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
                append = true;
            } else if (status == 200) {
                if (have > 0) {
                    log.info("{}: the server does not resume downloads; starting over", model.name());
                    have = 0;
                }
                OptionalLong length = response.headers().firstValueAsLong("Content-Length");
                total = length.isPresent() ? length.getAsLong() : -1;
                append = false;
            } else if (status == 404) {
                throw new ModelDownloadException(model.name() + ": not found at " + model.url() + " (HTTP 404)");
            } else {
                throw new ModelDownloadException(
                        model.name() + ": the server refused the download (HTTP " + status + ") at " + model.url());
            }
            requireSpace(model, part.getParent(), total < 0 ? -1 : total - have);
            progress.update(have, total);
            long done = have;
            byte[] block = new byte[64 * 1024];
            try (OutputStream out = Files.newOutputStream(
                            part,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE,
                            append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
                    StallWatch watch = new StallWatch(body, stallTimeout.toNanos(), cancelled)) {
                int n;
                while (true) {
                    try {
                        n = body.read(block);
                    } catch (IOException e) {
                        if (watch.verdict() == StallWatch.Verdict.RUNNING) {
                            throw e;
                        }
                        n = -1; // closed by the watch: its verdict says why, below
                    }
                    if (cancelled.getAsBoolean() || watch.verdict() == StallWatch.Verdict.CANCELLED) {
                        throw new ModelDownloadException(
                                model.name() + ": download cancelled at " + done + " bytes; run it again to resume");
                    }
                    if (watch.verdict() == StallWatch.Verdict.STALLED) {
                        throw new IOException(String.format(
                                Locale.ROOT, "no data for %.1f s at %d bytes", stallTimeout.toMillis() / 1000.0, done));
                    }
                    if (n < 0) {
                        break;
                    }
                    out.write(block, 0, n);
                    done += n;
                    watch.progressed();
                    progress.update(done, total);
                }
            }
            if (total >= 0 && done < total) {
                throw new IOException("connection closed at " + done + " of " + total + " bytes");
            }
        }
    }

    private void requireSpace(CatalogModel model, Path dir, long needed) throws IOException, ModelDownloadException {
        if (needed < 0) {
            return;
        }
        long free = disk.usableBytes(dir);
        if (free < needed + SPARE_BYTES) {
            throw new ModelDownloadException(String.format(
                    Locale.ROOT,
                    "%s needs %.1f MB more but only %.1f MB are free in %s; free some space and run it again",
                    model.name(),
                    needed / 1e6,
                    free / 1e6,
                    dir));
        }
    }

    private static boolean verify(CatalogModel model, Path part) throws ModelDownloadException {
        Optional<Checksum> expected = model.checksum();
        if (expected.isEmpty()) {
            log.warn("{}: no published checksum; installed unverified", model.name());
            return false;
        }
        Checksum actual;
        try {
            actual = expected.get().of(part);
        } catch (IOException e) {
            throw new ModelDownloadException(model.name() + ": the download cannot be read back: " + e.getMessage(), e);
        }
        if (!actual.equals(expected.get())) {
            deleteQuietly(part);
            throw new ModelDownloadException(model.name() + ": the download failed its checksum (expected "
                    + expected.get() + ", got " + actual.hex() + "); it was removed, nothing was installed");
        }
        return true;
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("could not delete {}: {}", file, e.getMessage());
        }
    }
}
