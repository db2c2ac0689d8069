package dev.voiceconsole.ui.journal;

import dev.voiceconsole.journal.JournalEntry;
import dev.voiceconsole.journal.JournalSegment;
import dev.voiceconsole.ui.common.FilePicker;
import dev.voiceconsole.ui.common.SegmentTimes;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
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
        entries.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(JournalEntry e, boolean empty) {
                super.updateItem(e, empty);
                setText(
                        empty || e == null
                                ? null
                                : WHEN.format(e.started()) + "  " + e.source() + "  ("
                                        + e.segments() + (e.segments() == 1 ? " segment" : " segments")
                                        + (e.ended().isEmpty() ? ", not ended" : "") + ")");
            }
        });
        entries.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> vm.select(now));
        VBox.setVgrow(entries, Priority.ALWAYS);

        ListView<JournalSegment> segments = new ListView<>(vm.segments());
        segments.setId("journalSegments");
        segments.setPlaceholder(new Label("Choose an entry to read it."));
        segments.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(JournalSegment s, boolean empty) {
                super.updateItem(s, empty);
                setText(
                        empty || s == null
                                ? null
                                : String.format(
                                        Locale.ROOT, "%s  %s", SegmentTimes.of(s.startS(), s.endS()), s.text()));
                setWrapText(true);
            }
        });
        VBox.setVgrow(segments, Priority.ALWAYS);

        Button export = new Button("Export…");
        export.setId("journalExport");
        Button delete = new Button("Delete");
        delete.setId("journalDelete");
        export.disableProperty()
                .bind(entries.getSelectionModel().selectedItemProperty().isNull());
        delete.disableProperty().bind(export.disableProperty());
        export.setOnAction(e -> {
            JournalEntry chosen = entries.getSelectionModel().getSelectedItem();
            files.chooseTranscriptTarget(getScene().getWindow()).ifPresent(path -> vm.export(chosen, path));
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

        Label problem = new Label();
        problem.setId("journalProblem");
        problem.setWrapText(true);
        problem.textProperty().bind(vm.problemProperty());
        problem.visibleProperty().bind(vm.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        SplitPane split =
                new SplitPane(new VBox(6, search, entries), new VBox(6, segments, new HBox(8, export, delete)));
        split.setDividerPositions(0.4);
        setTop(problem);
        setCenter(split);
        setPadding(new Insets(8));
    }
}
