package dev.voiceconsole.ui.health;

import dev.voiceconsole.ui.common.ConsoleControl;
import dev.voiceconsole.ui.common.SystemClipboard;
import dev.voiceconsole.ui.common.WorkerState;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The worker's health, refreshed every couple of seconds, with restart, and a warning tail. */
public final class HealthView extends BorderPane {

    public HealthView(HealthViewModel vm, ConsoleControl console) {
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(6);
        int row = 0;
        row = add(grid, row, "Mode", "healthMode", vm.modeProperty());
        row = add(grid, row, "State", "healthState", vm.stateProperty());
        row = add(grid, row, "Worker", "healthWorker", vm.workerIdProperty());
        row = add(grid, row, "Sessions", "healthSessions", vm.sessionsProperty());
        row = add(grid, row, "Buffered", "healthBuffered", vm.bufferedProperty());
        row = add(grid, row, "Memory", "healthMemory", vm.memoryProperty());
        row = add(grid, row, "Uptime", "healthUptime", vm.uptimeProperty());
        row = add(grid, row, "Model", "healthModel", vm.modelProperty());
        row = add(grid, row, "Backend", "healthBackend", vm.backendProperty());
        add(grid, row, "Version", "healthVersion", vm.versionProperty());

        Button restart = new Button("Restart worker");
        restart.setId("restartButton");
        restart.disableProperty()
                .bind(console.workerStateProperty()
                        .isEqualTo(WorkerState.STARTING)
                        .or(console.workerStateProperty().isEqualTo(WorkerState.NO_MODEL)));
        restart.setOnAction(e -> console.restartWorker());
        // The mode is chosen in one place, Settings › Workers; here it is only shown (the Mode row above).
        Label modeHint = new Label("Change the mode in Settings › Workers.");
        modeHint.getStyleClass().add("hint");
        HBox actions = new HBox(12, restart, modeHint);
        actions.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        ListView<HealthWarning> warnings = new ListView<>(vm.warnings());
        warnings.setId("warningsList");
        warnings.setPlaceholder(new Label("No warnings."));
        warnings.setPrefHeight(220);
        warnings.setCellFactory(list -> new ListCell<>() {
            {
                setWrapText(true);
                // Wrapped to the list's width: a long warning reads on two lines instead of scrolling sideways.
                prefWidthProperty().bind(list.widthProperty().subtract(24));
            }

            @Override
            protected void updateItem(HealthWarning w, boolean empty) {
                super.updateItem(w, empty);
                getStyleClass().remove("serious-warning");
                if (empty || w == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                setText(w.time() + "   " + w.sentence());
                setTooltip(new Tooltip(w.details()));
                if (w.serious()) {
                    getStyleClass().add("serious-warning");
                }
            }
        });
        VBox.setVgrow(warnings, Priority.ALWAYS);
        Button copy = new Button("Copy details");
        copy.setId("copyWarningDetails");
        copy.disableProperty().bind(Bindings.isEmpty(vm.warnings()));
        copy.setTooltip(new Tooltip("Every warning with its time, level, origin and cause, for a bug report"));
        copy.setOnAction(e -> {
            SystemClipboard.putText(vm.details());
        });
        Label heading = new Label("Warnings");
        heading.getStyleClass().add("field-name");
        HBox warningsBar = new HBox(12, heading, copy);
        warningsBar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        setTop(new VBox(12, grid, actions));
        setCenter(new VBox(6, warningsBar, warnings));
        setPadding(new Insets(12));
        BorderPane.setMargin(getCenter(), new Insets(12, 0, 0, 0));
    }

    private static int add(GridPane grid, int row, String name, String id, ObservableStringValue value) {
        Label label = new Label(name);
        label.getStyleClass().add("field-name");
        Label shown = new Label();
        shown.setId(id);
        shown.textProperty().bind(value);
        grid.addRow(row, label, shown);
        return row + 1;
    }
}
