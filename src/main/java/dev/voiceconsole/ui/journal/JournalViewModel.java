package dev.voiceconsole.ui.journal;

import dev.voiceconsole.journal.Journal;
import dev.voiceconsole.journal.JournalEntry;
import dev.voiceconsole.journal.JournalException;
import dev.voiceconsole.journal.JournalRecorder;
import dev.voiceconsole.journal.JournalSegment;
import dev.voiceconsole.journal.SearchHit;
import dev.voiceconsole.proto.v1.FinalSegment;
import dev.voiceconsole.proto.v1.StreamEvent;
import dev.voiceconsole.transcript.TranscriptFormat;
import dev.voiceconsole.ui.common.BackgroundTasks;
import dev.voiceconsole.ui.common.TranscriptRecorder;
import dev.voiceconsole.ui.common.UiExecutor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Journal tab, and the recorder that fills it: every dictation and transcribed file becomes an entry whose final
 * segments are written the moment they are final. Database work runs on one background thread; results come back
 * through the {@link UiExecutor}. A journal that cannot be opened leaves the console working, with the reason shown.
 */
public final class JournalViewModel implements TranscriptRecorder, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JournalViewModel.class);
    private static final int SHOWN = 200;

    private final Optional<Path> file;
    private final UiExecutor ui;
    private final Consumer<String> errors;
    private final ExecutorService db;
    private volatile Journal journal;

    private final ObservableList<JournalEntry> entries = FXCollections.observableArrayList();
    private final ObservableList<JournalSegment> segments = FXCollections.observableArrayList();
    private final StringProperty query = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(false);
    private JournalEntry selected;
    /** The query as the database thread reads it: JavaFX properties are read on the FX thread only. */
    private volatile String currentQuery = "";

    /** @param file the journal; empty keeps no journal (tests of other screens) */
    public JournalViewModel(Optional<Path> file, UiExecutor ui, BackgroundTasks tasks, Consumer<String> errors) {
        this.file = file;
        this.ui = ui;
        this.errors = errors;
        this.db = tasks.lane("journal");
        query.addListener((o, old, now) -> currentQuery = now == null ? "" : now.strip());
    }

    /** Opens the journal in the background and shows its newest entries. */
    public void open() {
        if (file.isEmpty()) {
            problem.set("No journal is kept in this window.");
            return;
        }
        db.execute(() -> {
            try {
                journal = Journal.open(file.get());
                ui.execute(() -> available.set(true));
                refreshNow();
            } catch (JournalException e) {
                LOG.warn("journal unavailable: {}", e.getMessage());
                ui.execute(() -> problem.set("The journal is not available: " + e.getMessage()));
            }
        });
    }

    public ObservableList<JournalEntry> entries() {
        return entries;
    }

    public ObservableList<JournalSegment> segments() {
        return segments;
    }
    /** Words to search for; empty shows the newest entries. */
    public StringProperty queryProperty() {
        return query;
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    /** UI thread: the newest entries, or the entries whose text matches the query. */
    public void refresh() {
        db.execute(this::refreshNow);
    }

    private void refreshNow() {
        Journal j = journal;
        if (j == null) {
            return;
        }
        String q = currentQuery;
        try {
            List<JournalEntry> found = q.isEmpty()
                    ? j.entries(SHOWN, 0)
                    : j.search(q, SHOWN).stream()
                            .map(SearchHit::entry)
                            .distinct()
                            .toList();
            ui.execute(() -> entries.setAll(found));
        } catch (JournalException e) {
            report(e);
        }
    }

    /** UI thread: shows an entry's segments. */
    public void select(JournalEntry entry) {
        selected = entry;
        if (entry == null) {
            segments.clear();
            return;
        }
        db.execute(() -> {
            try {
                List<JournalSegment> list = journal.segments(entry.id());
                ui.execute(() -> {
                    if (isTheSelection(entry)) {
                        segments.setAll(list);
                    }
                });
            } catch (JournalException e) {
                report(e);
            }
        });
    }

    /** UI thread: whether {@code entry} is the very object last given to {@link #select}. */
    @SuppressWarnings("ReferenceEquality") // identity on purpose: a later select() of an equal entry is a new selection
    private boolean isTheSelection(JournalEntry entry) {
        return selected == entry;
    }

    /** UI thread: writes the entry as a transcript; the file's extension picks the format. */
    public void export(JournalEntry entry, Path target) {
        TranscriptFormat format;
        try {
            format = TranscriptFormat.forFileName(target.getFileName().toString());
        } catch (IllegalArgumentException e) {
            errors.accept("Cannot export " + target.getFileName() + ": " + e.getMessage());
            return;
        }
        db.execute(() -> {
            try {
                Files.writeString(target, journal.export(entry.id(), format), StandardCharsets.UTF_8);
            } catch (JournalException | java.io.IOException e) {
                String reason = e.getMessage();
                ui.execute(() -> errors.accept("Could not export to " + target + ": " + reason));
            }
        });
    }

    /** UI thread. */
    public void delete(JournalEntry entry) {
        db.execute(() -> {
            try {
                journal.delete(entry.id());
                ui.execute(() -> {
                    if (isTheSelection(entry)) {
                        select(null);
                    }
                });
                refreshNow();
            } catch (JournalException e) {
                report(e);
            }
        });
    }

    @Override
    public Recording begin(String source, String model, String mode) {
        Journal j = journal;
        if (j == null) {
            return TranscriptRecorder.none().begin(source, model, mode);
        }
        JournalRecorder recorder;
        try {
            recorder = JournalRecorder.start(j, source, model, mode, this::report);
        } catch (JournalException e) {
            report(e);
            return TranscriptRecorder.none().begin(source, model, mode);
        }
        refresh();
        return new Recording() {
            @Override
            public void onEvent(StreamEvent event) {
                recorder.onEvent(event);
                if (event.hasFinal()) {
                    refresh();
                }
            }

            @Override
            public void recordAll(List<FinalSegment> finals) {
                recorder.recordAll(finals);
                refresh();
            }

            @Override
            public void end() {
                recorder.end();
                refresh();
            }
        };
    }

    private void report(JournalException e) {
        String message = e.diskFull()
                ? "Journal: the disk is full, so new text is not saved yet. It stays in the transcript and is saved as "
                        + "soon as there is room (" + e.getMessage() + ")"
                : "Journal: " + e.getMessage();
        ui.execute(() -> errors.accept(message));
    }

    @Override
    public void close() {
        db.shutdown();
        try {
            db.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Journal j = journal;
        if (j != null) {
            j.close();
        }
    }
}
