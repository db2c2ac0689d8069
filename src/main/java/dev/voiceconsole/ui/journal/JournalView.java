package dev.voiceconsole.ui.journal;

import dev.voiceconsole.journal.JournalEntry;
import dev.voiceconsole.journal.JournalSegment;
import dev.voiceconsole.ui.common.FilePicker;
import dev.voiceconsole.ui.common.SegmentTimes;
import dev.voiceconsole.ui.common.SuggestedNames;
import dev.voiceconsole.ui.common.SystemClipboard;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/** Past dictations and transcribed files: search on the left, the chosen entry's text on the right. */
public final class JournalView extends BorderPane {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneId.systemDefault());

    public JournalView(JournalViewModel vm, FilePicker files) {

        TextField search = new TextField();
        search.setId("journalSearch");
        search.setPromptText("Search the journal");
        search.textProperty().bindBidirectional(vm.queryProperty());
        search.textProperty().addListener((o, was, now) -> vm.refresh());

        ListView<JournalEntry> entries = new ListView<>(vm.entries());
        entries.setId("journalEntries");
        entries.setPlaceholder(new Label("Nothing dictated yet."));
        entries.setCellFactory(list -> new EntryCell(vm));
        entries.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> vm.select(now));
        // An invalidation listener: a refreshed entry equal to the one chosen is no change to a change listener, yet
        // the list dropped its selection while its items were replaced.
        vm.selectedProperty().addListener(o -> {
            JournalEntry now = vm.selectedProperty().get();
            if (now != null && !now.equals(entries.getSelectionModel().getSelectedItem())) {
                entries.getSelectionModel().select(now);
            }
        });
        VBox.setVgrow(entries, Priority.ALWAYS);

        ListView<JournalSegment> segments = new ListView<>(vm.segments());
        segments.setId("journalSegments");
        segments.setPlaceholder(new Label("Choose an entry to read it."));
        segments.setCellFactory(list -> new SegmentCell(vm));
        VBox.setVgrow(segments, Priority.ALWAYS);
        // A new search can return the very entries shown (equal records), which a list does not redraw by itself.
        vm.shownQueryProperty().addListener((o, was, now) -> {
            entries.refresh();
            segments.refresh();
        });

        Button export = new Button("Export…");
        export.setId("journalExport");
        Button delete = new Button("Delete");
        delete.setId("journalDelete");
        export.disableProperty()
                .bind(entries.getSelectionModel().selectedItemProperty().isNull());
        delete.disableProperty().bind(export.disableProperty());
        export.setOnAction(e -> {
            JournalEntry chosen = entries.getSelectionModel().getSelectedItem();
            files.chooseTranscriptTarget(
                            getScene().getWindow(),
                            SuggestedNames.of(chosen.source(), chosen.started(), ZoneId.systemDefault()))
                    .ifPresent(path -> vm.export(chosen, path));
        });
        delete.setOnAction(e -> {
            JournalEntry chosen = entries.getSelectionModel().getSelectedItem();
            Alert confirm = new Alert(
                    Alert.AlertType.CONFIRMATION,
                    "Delete this entry and its text for good?",
                    ButtonType.OK,
                    ButtonType.CANCEL);
            confirm.initOwner(getScene().getWindow());
            confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(ok -> vm.delete(chosen));
        });

        Button copy = new Button("Copy");
        copy.setId("journalCopy");
        copy.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.segments()));
        copy.setOnAction(e -> {
            SystemClipboard.putText(vm.shownText());
            vm.copied();
        });
        Label notice = new Label();
        notice.setId("journalNotice");
        notice.getStyleClass().add("saved-text");
        notice.setWrapText(true);
        notice.textProperty().bind(vm.noticeProperty());
        HBox actions = new HBox(8, copy, export, delete, notice);
        actions.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox.setHgrow(notice, Priority.ALWAYS);

        Label problem = new Label();
        problem.setId("journalProblem");
        problem.setWrapText(true);
        problem.textProperty().bind(vm.problemProperty());
        problem.visibleProperty().bind(vm.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        SplitPane split = new SplitPane(new VBox(6, search, entries), new VBox(6, segments, actions));
        split.setDividerPositions(0.4);
        setTop(problem);
        setCenter(split);
        setPadding(new Insets(8));
    }

    /** Live-refreshing rows; while a search is shown, each entry lists its matching lines with the words marked. */
    private static final class EntryCell extends ListCell<JournalEntry> {
        private static final int LINES_SHOWN = 3;
        private final JournalViewModel vm;

        EntryCell(JournalViewModel vm) {
            this.vm = vm;
        }

        @Override
        protected void updateItem(JournalEntry e, boolean empty) {
            super.updateItem(e, empty);
            if (empty || e == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            String header = WHEN.format(e.started()) + "  " + e.source() + "  (" + e.segments()
                    + (e.segments() == 1 ? " segment" : " segments")
                    + (e.ended().isEmpty() ? ", not ended" : "") + ")";
            List<JournalSegment> lines = vm.matchingLines(e);
            if (lines.isEmpty()) {
                setText(header);
                setGraphic(null);
                return;
            }
            VBox rows = new VBox(2, new Label(header));
            lines.stream()
                    .limit(LINES_SHOWN)
                    .forEach(line -> rows.getChildren()
                            .add(highlighted(
                                    line.text().strip(), vm.shownQueryProperty().get())));
            if (lines.size() > LINES_SHOWN) {
                Label more = new Label("and " + (lines.size() - LINES_SHOWN) + " more matching lines");
                more.getStyleClass().add("hint");
                rows.getChildren().add(more);
            }
            setText(null);
            setGraphic(rows);
        }
    }

    /** A line of the chosen entry: its times and text, the searched words marked. */
    private static final class SegmentCell extends ListCell<JournalSegment> {
        private final JournalViewModel vm;

        SegmentCell(JournalViewModel vm) {
            this.vm = vm;
            setWrapText(true);
        }

        @Override
        protected void updateItem(JournalSegment s, boolean empty) {
            super.updateItem(s, empty);
            getStyleClass().remove("journal-hit");
            if (empty || s == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            String times = SegmentTimes.of(s.startS(), s.endS()) + "  ";
            String query = vm.shownQueryProperty().get();
            if (query.isEmpty() || !MatchHighlighter.matches(s.text(), query)) {
                setText(times + s.text());
                setGraphic(null);
                return;
            }
            TextFlow line = highlighted(s.text(), query);
            line.getChildren().add(0, new Text(times));
            line.maxWidthProperty().bind(widthProperty().subtract(24));
            getStyleClass().add("journal-hit");
            setText(null);
            setGraphic(line);
        }
    }

    private static TextFlow highlighted(String line, String query) {
        TextFlow flow = new TextFlow();
        for (MatchHighlighter.Span span : MatchHighlighter.spans(line, query)) {
            Text text = new Text(span.text());
            text.getStyleClass().add(span.hit() ? "search-hit" : "search-text");
            flow.getChildren().add(text);
        }
        return flow;
    }
}
