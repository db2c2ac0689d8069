package dev.voiceconsole.ui.transcript;

import dev.voiceconsole.transcript.TranscriptSegment;
import dev.voiceconsole.ui.common.FilePicker;
import dev.voiceconsole.ui.common.SegmentTimes;
import dev.voiceconsole.ui.common.ShownWords;
import dev.voiceconsole.ui.common.SuggestedNames;
import dev.voiceconsole.ui.common.SystemClipboard;
import dev.voiceconsole.ui.common.WordFlow;
import dev.voiceconsole.ui.common.WordMarks;
import dev.voiceconsole.ui.common.WorkerState;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * Final segments with their times in a list, the line being spoken below it: stable words in the normal style,
 * words that may still change greyed and italic. The shell covers it with the first-run panel until there is a model.
 * A final with words shows each as its own node: underlined where the decoder was unsure of it (the threshold in
 * Settings), its time and confidence on hover.
 */
public final class TranscriptView extends StackPane {

    public TranscriptView(
            TranscriptViewModel vm,
            ReadOnlyObjectProperty<WorkerState> workerState,
            ObservableBooleanValue listening,
            ObservableBooleanValue weightless,
            ObservableStringValue shortcuts,
            FilePicker files) {

        ListView<TranscriptSegment> finals = new ListView<>(vm.finals());
        finals.setId("finalsList");
        finals.setCellFactory(list -> new SegmentCell(vm.wordMarksProperty()));
        // A new threshold redraws the cells on screen; the others draw with it when they scroll into view. A change
        // listener, not an invalidation one: it fires for every new threshold, read or not, and not for other settings.
        vm.wordMarksProperty().addListener((o, was, now) -> finals.refresh());
        Label placeholder = new Label();
        placeholder.setId("transcriptPlaceholder");
        placeholder
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> switch (workerState.get()) {
                            case NO_MODEL -> "No model chosen yet.";
                            case STARTING -> "Starting the voice worker…";
                            case FAILED -> "The voice worker is not running; see the message above.";
                            case READY ->
                                weightless.get()
                                        ? "This is a test model without weights: dictation runs, but no text"
                                                + " appears. Download a real model on the Models tab."
                                        : listening.get()
                                                ? "Listening: speak, and final text appears here."
                                                : "Press Start dictation and speak; final text appears here. Keys: "
                                                        + shortcuts.get() + ".";
                        },
                        workerState,
                        listening,
                        weightless,
                        shortcuts));
        placeholder.getStyleClass().add("placeholder");
        placeholder.setWrapText(true);
        placeholder.setMaxWidth(520);
        finals.setPlaceholder(placeholder);
        // Keep the newest segment in sight as text arrives.
        vm.finals().addListener((javafx.collections.ListChangeListener<TranscriptSegment>) c -> {
            if (!vm.finals().isEmpty()) {
                finals.scrollTo(vm.finals().size() - 1);
            }
        });

        Text stable = new Text();
        stable.setId("stableText");
        stable.getStyleClass().add("stable-text");
        stable.textProperty().bind(vm.stableTextProperty());
        Text unstable = new Text();
        unstable.setId("unstableText");
        unstable.getStyleClass().add("unstable-text");
        unstable.textProperty().bind(vm.unstableTextProperty());
        TextFlow live = new TextFlow(stable, unstable);
        live.setId("liveLine");
        live.getStyleClass().add("live-line");
        // Fixed height: the list above must not jump as the live line fills and empties.
        live.setMinHeight(48);
        live.setPrefHeight(48);

        Button copy = new Button("Copy");
        copy.setId("copyButton");
        copy.setOnAction(e -> {
            SystemClipboard.putText(vm.plainText());
        });
        Button clear = new Button("Clear");
        clear.setId("clearButton");
        clear.setOnAction(e -> vm.clear());
        Button save = new Button("Save…");
        save.setId("saveButton");
        save.setOnAction(e -> files.chooseTranscriptTarget(
                        getScene().getWindow(),
                        SuggestedNames.of("transcript", java.time.Instant.now(), java.time.ZoneId.systemDefault()))
                .ifPresent(vm::saveTo));
        copy.disableProperty().bind(Bindings.isEmpty(vm.finals()));
        save.disableProperty().bind(Bindings.isEmpty(vm.finals()));
        HBox actions = new HBox(8, copy, clear, save);
        actions.setPadding(new Insets(6, 0, 0, 0));

        BorderPane transcript = new BorderPane(finals);
        transcript.setBottom(new VBox(4, live, actions));
        transcript.setPadding(new Insets(8));

        getChildren().add(transcript);
    }

    private static final class SegmentCell extends ListCell<TranscriptSegment> {
        private final ObservableValue<WordMarks> marks;

        SegmentCell(ObservableValue<WordMarks> marks) {
            this.marks = marks;
        }

        @Override
        protected void updateItem(TranscriptSegment item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Text time = new Text(SegmentTimes.of(item.startS(), item.endS()) + "   ");
            time.getStyleClass().add("segment-time");
            TextFlow flow = new TextFlow(time);
            flow.getChildren().addAll(WordFlow.texts(ShownWords.of(item), marks.getValue(), "segment-text"));
            setText(null);
            setGraphic(flow);
        }
    }
}
