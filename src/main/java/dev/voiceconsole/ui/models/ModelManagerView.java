package dev.voiceconsole.ui.models;

import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The Models tab: the whisper.cpp catalog, what is installed, and download / use / verify / remove. */
public final class ModelManagerView extends BorderPane {

    public ModelManagerView(ModelManagerViewModel vm) {

        TableView<ModelManagerViewModel.ModelRow> table = new TableView<>(vm.shownRows());
        table.setId("modelTable");
        table.getColumns().add(column("Model", r -> r.model().name(), 200));
        table.getColumns().add(column("Size", r -> r.model().disk().orElse("not published"), 90));
        table.getColumns().add(column("Speed · accuracy", r -> r.model().speedAndAccuracy(), 230));
        table.getColumns().add(column("Languages", r -> r.model().languages(), 130));
        table.getColumns().add(column("Status", ModelManagerViewModel.ModelRow::state, 170));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        var selected = table.getSelectionModel().selectedItemProperty();
        // A refresh replaces the rows: keep the user's choice selected across it (e.g. right after its download).
        String[] chosen = new String[1];
        selected.addListener((o, was, now) -> {
            if (now != null) {
                chosen[0] = now.model().name();
            }
        });
        vm.shownRows().addListener((javafx.collections.ListChangeListener<ModelManagerViewModel.ModelRow>)
                change -> vm.shownRows().stream()
                        .filter(r -> r.model().name().equals(chosen[0]))
                        .findFirst()
                        .ifPresent(r -> table.getSelectionModel().select(r)));
        BooleanBinding none = selected.isNull();
        BooleanBinding installed = Bindings.createBooleanBinding(
                () -> selected.get() != null && selected.get().installed().isPresent(), selected);

        Button download = new Button("Download");
        download.setId("modelDownload");
        download.disableProperty().bind(none.or(installed).or(vm.downloadingProperty()));
        download.setOnAction(e -> vm.download(selected.get()));
        Button cancel = new Button("Cancel");
        cancel.setId("modelCancel");
        cancel.visibleProperty().bind(vm.downloadingProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> vm.cancel());
        Button use = new Button("Use");
        use.setId("modelUse");
        use.disableProperty().bind(installed.not());
        use.setOnAction(e -> vm.use(selected.get()));
        Button verify = new Button("Verify");
        verify.setId("modelVerify");
        verify.disableProperty().bind(installed.not());
        verify.setOnAction(e -> vm.verify(selected.get()));
        Button remove = new Button("Remove");
        remove.setId("modelRemove");
        remove.disableProperty().bind(installed.not().or(vm.downloadingProperty()));
        remove.setOnAction(e -> {
            var row = selected.get();
            Alert confirm = new Alert(
                    Alert.AlertType.CONFIRMATION,
                    "Delete " + row.model().fileName() + " from " + vm.directory() + "?",
                    ButtonType.OK,
                    ButtonType.CANCEL);
            confirm.initOwner(getScene().getWindow());
            confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(ok -> vm.remove(row));
        });

        ProgressBar progress = new ProgressBar();
        progress.setId("modelProgress");
        progress.setPrefWidth(220);
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.downloadingProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        Label progressText = new Label();
        progressText.setId("modelProgressText");
        progressText.textProperty().bind(vm.progressTextProperty());
        progressText.visibleProperty().bind(vm.downloadingProperty());
        progressText.managedProperty().bind(progressText.visibleProperty());
        Label status = new Label();
        status.setId("modelStatus");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        HBox actions = new HBox(8, download, cancel, use, verify, remove, progress, progressText, status);
        actions.setAlignment(Pos.CENTER_LEFT);
        Label where = new Label("Models are kept in " + vm.directory()
                + ". Checksums are the ones whisper.cpp publishes; models without one are installed unverified.");
        where.getStyleClass().add("hint");
        where.setWrapText(true);

        javafx.scene.control.CheckBox showAll = new javafx.scene.control.CheckBox(
                "Show all, with the quantized variants (smaller, a little less accurate)");
        showAll.setId("modelsShowAll");
        showAll.setWrapText(true);
        showAll.selectedProperty().bindBidirectional(vm.showAllProperty());

        setTop(showAll);
        BorderPane.setMargin(showAll, new Insets(0, 0, 8, 0));
        setCenter(table);
        setBottom(new VBox(8, actions, where));
        BorderPane.setMargin(getBottom(), new Insets(8, 0, 0, 0));
        setPadding(new Insets(8));
    }

    private static TableColumn<ModelManagerViewModel.ModelRow, String> column(
            String title, Function<ModelManagerViewModel.ModelRow, String> value, double width) {
        TableColumn<ModelManagerViewModel.ModelRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        // Never narrower than its title: a small window scrolls the table sideways instead of eliding headers.
        c.setMinWidth(new javafx.scene.text.Text(title).getLayoutBounds().getWidth() + 28);
        return c;
    }
}
