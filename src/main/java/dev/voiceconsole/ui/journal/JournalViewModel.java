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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
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
    /** What the last copy or export did, in words ("Exported to …"); empty until one is done. */
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    /** The query the entries list shows results of, and each entry's matching lines (UI thread). */
    private final ReadOnlyStringWrapper shownQuery = new ReadOnlyStringWrapper("");

    private Map<Long, List<JournalSegment>> matches = Map.of();
    private final ReadOnlyObjectWrapper<JournalEntry> selected = new ReadOnlyObjectWrapper<>();
    /** True while a refresh replaces the list: the list then drops its selection, which the user did not ask for. */
    private boolean replacing;
    /** The selected entry's id as the database thread reads it, so a refresh brings its new lines in too. */
    private volatile long selectedId = -1;
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
            List<SearchHit> hits = q.isEmpty() ? List.of() : j.search(q, SHOWN);
            List<JournalEntry> found = q.isEmpty()
                    ? j.entries(SHOWN, 0)
                    : hits.stream().map(SearchHit::entry).distinct().toList();
            Map<Long, List<JournalSegment>> lines = hits.stream()
                    .collect(Collectors.groupingBy(
                            h -> h.entry().id(), Collectors.mapping(SearchHit::segment, Collectors.toList())));
            long shown = selectedId;
            List<JournalSegment> selectedLines = shown < 0 ? null : j.segments(shown);
            ui.execute(() -> {
                matches = lines;
                shownQuery.set(q);
                JournalEntry kept = selected.get();
                replacing = true;
                try {
                    entries.setAll(found);
                } finally {
                    replacing = false;
                }
                // The chosen entry stays chosen while new lines arrive, with them shown; gone from the list
                // (deleted, or not matching a new search), it is no longer shown either.
                JournalEntry again = kept == null
                        ? null
                        : found.stream()
                                .filter(e -> e.id() == kept.id())
                                .findFirst()
                                .orElse(null);
                if (again == null) {
                    select(null);
                } else {
                    selected.set(again);
                    if (selectedLines != null && again.id() == shown) {
                        segments.setAll(selectedLines);
                    }
                }
            });
        } catch (JournalException e) {
            report(e);
        }
    }

    /** UI thread: shows an entry's segments. */
    public void select(JournalEntry entry) {
        if (replacing || (entry != null && isTheSelection(entry))) {
            return;
        }
        selected.set(entry);
        selectedId = entry == null ? -1 : entry.id();
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
        return selected.get() == entry;
    }

    /** The entry whose lines {@link #segments()} shows; the list follows it when a refresh replaces the entries. */
    public ReadOnlyObjectProperty<JournalEntry> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** UI thread: the lines of an entry that the shown query matched, oldest first; empty without a query. */
    public List<JournalSegment> matchingLines(JournalEntry entry) {
        return matches.getOrDefault(entry.id(), List.of());
    }

    /** The query the entries list shows the results of ("" for the newest entries). */
    public ReadOnlyStringProperty shownQueryProperty() {
        return shownQuery.getReadOnlyProperty();
    }

    /** What the last copy or export did, in words. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** UI thread: the shown entry's text, one line per segment (what Copy puts on the clipboard). */
    public String shownText() {
        return segments.stream()
                .map(JournalSegment::text)
                .map(String::strip)
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** UI thread: the shown entry's text went to the clipboard. */
    public void copied() {
        notice.set("Copied " + segments.size() + (segments.size() == 1 ? " line" : " lines") + " to the clipboard.");
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
                ui.execute(() -> notice.set("Exported to " + target + "."));
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
