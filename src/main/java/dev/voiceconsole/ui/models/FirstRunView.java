package dev.voiceconsole.ui.models;

import dev.voiceconsole.models.CatalogModel;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * What covers the transcript until there is a model: one click downloads the recommended model (size shown, with
 * its progress) and starts with it; the other opens the models folder to pick a file already on disk.
 */
public final class FirstRunView extends VBox {

    /**
     * @param shown      while no model is set
     * @param chooseFile opens the model file dialog
     */
    public FirstRunView(ModelManagerViewModel vm, ObservableBooleanValue shown, Runnable chooseFile) {
        Label title = new Label("Welcome to VoiceConsole");
        title.getStyleClass().add("first-run-title");
        Label text = new Label("Dictation needs a Whisper speech model. It runs on this computer: nothing you say is"
                + " sent anywhere.");
        text.setWrapText(true);
        text.setMaxWidth(460);

        Button download = new Button(vm.recommended().map(FirstRunView::offer).orElse("Download a model"));
        download.setId("downloadRecommendedCta");
        download.setDefaultButton(true);
        download.setVisible(vm.recommended().isPresent());
        download.managedProperty().bind(download.visibleProperty());
        download.disableProperty().bind(vm.downloadingProperty());
        download.setOnAction(e -> vm.downloadRecommendedAndUse());

        Button choose = new Button("Use a file I have…");
        choose.setId("chooseModelCta");
        choose.setOnAction(e -> chooseFile.run());

        ProgressBar progress = new ProgressBar();
        progress.setId("firstRunProgress");
        progress.setPrefWidth(320);
        progress.progressProperty().bind(vm.progressProperty());
        Label progressText = new Label();
        progressText.setId("firstRunProgressText");
        progressText.textProperty().bind(vm.progressTextProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("firstRunCancel");
        cancel.setOnAction(e -> vm.cancel());
        HBox progressLine = new HBox(10, progressText, cancel);
        progressLine.setAlignment(Pos.CENTER);
        VBox downloading = new VBox(6, progress, progressLine);
        downloading.setAlignment(Pos.CENTER);
        downloading.visibleProperty().bind(vm.downloadingProperty());
        downloading.managedProperty().bind(downloading.visibleProperty());

        // After a failed or cancelled download the models tab's line says why and how to go on.
        Label status = new Label();
        status.setId("firstRunStatus");
        status.setWrapText(true);
        status.setMaxWidth(460);
        status.textProperty().bind(vm.statusProperty());
        status.visibleProperty().bind(vm.downloadingProperty().not().and(Bindings.isNotEmpty(vm.statusProperty())));
        status.managedProperty().bind(status.visibleProperty());

        HBox actions = new HBox(12, download, choose);
        actions.setAlignment(Pos.CENTER);
        getChildren().addAll(title, text, actions, downloading, status);
        setSpacing(14);
        setId("firstRunPanel");
        getStyleClass().add("first-run");
        setAlignment(Pos.CENTER);
        visibleProperty().bind(shown);
    }

    private static String offer(CatalogModel m) {
        return "Download " + m.name() + m.disk().map(d -> " (" + d + ")").orElse("") + ", recommended";
    }
}
