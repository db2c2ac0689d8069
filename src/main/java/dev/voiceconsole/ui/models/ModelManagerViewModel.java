package dev.voiceconsole.ui.models;

import dev.voiceconsole.models.CatalogModel;
import dev.voiceconsole.models.DownloadMeter;
import dev.voiceconsole.models.ModelDownloadException;
import dev.voiceconsole.models.ModelDownloader;
import dev.voiceconsole.models.ModelStore;
import dev.voiceconsole.ui.common.BackgroundTasks;
import dev.voiceconsole.ui.common.UiExecutor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Models tab: the catalog with what is installed, one download at a time with progress and cancel, checks,
 * removal, and "use" to make a model the console's. Disk and network work runs on a background thread.
 */
public final class ModelManagerViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(ModelManagerViewModel.class);
    private static final long PUBLISH_NANOS = 100_000_000L;

    /**
     * A catalog model and its file here, if installed.
     *
     * @param inUse       the console's model is this file
     * @param recommended the catalog offers it first
     */
    public record ModelRow(CatalogModel model, Optional<Path> installed, boolean inUse, boolean recommended) {
        /**
         * "in use", "installed", "recommended", or both of the last ("installed · recommended"), and "unverified"
         * for a model whisper.cpp publishes no checksum of.
         */
        public String state() {
            List<String> badges = new ArrayList<>();
            if (inUse) {
                badges.add("in use");
            } else {
                installed.ifPresent(p -> badges.add("installed"));
                if (recommended) {
                    badges.add("recommended");
                }
            }
            if (!model.verifiable()) {
                badges.add("unverified");
            }
            return String.join(" · ", badges);
        }
    }

    private final ModelStore store;
    private final ModelDownloader downloader;
    private final UiExecutor ui;
    private final Consumer<String> errors;
    private final Consumer<Path> use;
    /** The console's model file, absolute (null: none); read on the models lane, so it must be thread-safe. */
    private final Supplier<Path> inUse;

    private final ExecutorService work;
    private final AtomicBoolean cancel = new AtomicBoolean();

    private final ObservableList<ModelRow> rows = FXCollections.observableArrayList();
    private final BooleanProperty showAll = new SimpleBooleanProperty(this, "showAll", false);
    /**
     * What the table lists: quantized variants only with "show all" (they doubled the list and most users never
     * need them), except one that is installed.
     */
    private final FilteredList<ModelRow> shownRows = new FilteredList<>(rows);

    private final ReadOnlyBooleanWrapper downloading = new ReadOnlyBooleanWrapper(this, "downloading", false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");

    public ModelManagerViewModel(
            ModelStore store,
            ModelDownloader downloader,
            UiExecutor ui,
            BackgroundTasks tasks,
            Consumer<String> errors,
            Consumer<Path> use,
            Supplier<Path> inUse) {
        this.store = store;
        this.downloader = downloader;
        this.ui = ui;
        this.errors = errors;
        this.work = tasks.lane("models");
        this.use = use;
        this.inUse = inUse;
        shownRows
                .predicateProperty()
                .bind(javafx.beans.binding.Bindings.createObjectBinding(
                        () -> row -> showAll.get()
                                || row.model().quantization().isEmpty()
                                || row.installed().isPresent(),
                        showAll));
    }

    public ObservableList<ModelRow> rows() {
        return rows;
    }

    /** The rows the table shows (see {@link #showAllProperty()}). */
    public ObservableList<ModelRow> shownRows() {
        return shownRows;
    }

    /** Also list the quantized variants. */
    public BooleanProperty showAllProperty() {
        return showAll;
    }

    public ReadOnlyBooleanProperty downloadingProperty() {
        return downloading.getReadOnlyProperty();
    }
    /** 0..1, or -1 while the size is not known yet. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** "42 % · 60.1 of 142.0 MiB · 5.1 MiB/s · 12 s left" while downloading, else empty. */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public Path directory() {
        return store.directory();
    }

    public void refresh() {
        work.execute(this::refreshNow);
    }

    private void refreshNow() {
        try {
            Map<String, Path> installed = new HashMap<>();
            for (ModelStore.InstalledModel m : store.installed()) {
                installed.put(m.file().getFileName().toString(), m.file());
            }
            List<ModelRow> list = new ArrayList<>();
            Optional<String> recommendedName = recommended().map(CatalogModel::name);
            Path current = inUse.get();
            for (CatalogModel m : store.catalog().models()) {
                Optional<Path> file = Optional.ofNullable(installed.get(m.fileName()));
                list.add(new ModelRow(
                        m,
                        file,
                        file.isPresent()
                                && current != null
                                && file.get().toAbsolutePath().equals(current),
                        recommendedName.equals(Optional.of(m.name()))));
            }
            ui.execute(() -> rows.setAll(list));
        } catch (IOException e) {
            String reason = e.getMessage();
            ui.execute(() -> errors.accept("Models in " + store.directory() + " cannot be listed: " + reason));
        }
    }

    /** UI thread. */
    public void download(ModelRow row) {
        download(row.model(), false);
    }

    /** The model a new user is offered first, if the catalog names one. */
    public Optional<CatalogModel> recommended() {
        return store.catalog().recommended();
    }

    /** UI thread: the first run's one click: download the recommended model, then make it the console's. */
    public void downloadRecommendedAndUse() {
        recommended().ifPresent(m -> download(m, true));
    }

    private void download(CatalogModel model, boolean useWhenInstalled) {
        if (downloading.get()) {
            return;
        }
        cancel.set(false);
        downloading.set(true);
        progress.set(-1);
        progressText.set("Connecting…");
        status.set("Downloading " + model.name()
                + (model.verifiable() ? "…" : " (no published checksum: it will be unverified)…"));
        DownloadMeter meter = new DownloadMeter(model.diskBytes());
        work.execute(() -> {
            try {
                long[] lastShown = {0};
                ModelDownloader.Installed done = downloader.download(
                        model,
                        store.directory(),
                        (have, total) -> {
                            long now = System.nanoTime();
                            DownloadMeter.Reading r = meter.update(now, have, total);
                            // Blocks arrive every 64 KiB: the window redraws at most ten times a second.
                            if (now - lastShown[0] >= PUBLISH_NANOS || have == total) {
                                lastShown[0] = now;
                                ui.execute(() -> {
                                    progress.set(r.fraction());
                                    progressText.set(r.describe());
                                });
                            }
                        },
                        cancel::get);
                ui.execute(() -> {
                    status.set(
                            model.name() + " installed" + (done.verified() ? ", checksum verified." : ", unverified."));
                    if (useWhenInstalled) {
                        use.accept(done.file());
                    }
                });
            } catch (ModelDownloadException e) {
                LOG.warn("model download failed: {}", e.getMessage());
                String message = e.getMessage();
                ui.execute(() -> {
                    status.set(
                            cancel.get()
                                    ? "Download of " + model.name() + " cancelled; it resumes when you start it again."
                                    : "");
                    if (!cancel.get()) {
                        errors.accept(message);
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                ui.execute(() -> {
                    downloading.set(false);
                    progress.set(0);
                    progressText.set("");
                });
                refreshNow();
            }
        });
    }

    /** UI thread: stops the running download; what arrived is kept for a resume. */
    public void cancel() {
        cancel.set(true);
    }

    /** UI thread: makes an installed model the console's (the worker restarts with it). */
    public void use(ModelRow row) {
        row.installed().ifPresent(use);
    }

    /** UI thread. */
    public void verify(ModelRow row) {
        row.installed()
                .ifPresent(file -> work.execute(() -> {
                    try {
                        ModelStore.VerifyResult r = store.verify(file);
                        String text = switch (r.verification()) {
                            case VERIFIED -> row.model().name() + ": checksum verified (" + r.detail() + ").";
                            case UNVERIFIED ->
                                row.model().name() + ": a valid model; no published checksum to compare.";
                            case CHECKSUM_MISMATCH ->
                                row.model().name() + " failed its checksum (" + r.detail()
                                        + "): remove it and download it again.";
                            case NOT_A_MODEL -> row.model().name() + " is not a usable model: " + r.detail();
                        };
                        boolean bad = r.verification() == ModelStore.Verification.CHECKSUM_MISMATCH
                                || r.verification() == ModelStore.Verification.NOT_A_MODEL;
                        ui.execute(() -> {
                            status.set(text);
                            if (bad) {
                                errors.accept(text);
                            }
                        });
                    } catch (IOException e) {
                        String reason = e.getMessage();
                        ui.execute(() -> errors.accept("Could not read " + file + ": " + reason));
                    }
                }));
    }

    /** UI thread. */
    public void remove(ModelRow row) {
        work.execute(() -> {
            try {
                store.remove(row.model().name());
                ui.execute(() -> status.set(
                        String.format(Locale.ROOT, "%s removed.", row.model().name())));
            } catch (IOException e) {
                String reason = e.getMessage();
                ui.execute(() -> errors.accept("Could not remove " + row.model().name() + ": " + reason));
            }
            refreshNow();
        });
    }

    public void shutdown() {
        cancel.set(true);
        work.shutdownNow();
    }
}
