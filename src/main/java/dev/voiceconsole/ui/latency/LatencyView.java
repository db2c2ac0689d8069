package dev.voiceconsole.ui.latency;

import dev.voiceconsole.ui.common.FilePicker;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** One small line chart per latency metric with its p50 / p95, and CSV export of the raw samples. */
public final class LatencyView extends BorderPane {

    public LatencyView(LatencyViewModel vm, FilePicker files) {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        int i = 0;
        for (LatencyMetric metric : LatencyMetric.values()) {
            VBox cell = chart(vm.series(metric));
            GridPane.setHgrow(cell, Priority.ALWAYS);
            GridPane.setVgrow(cell, Priority.ALWAYS);
            grid.add(cell, i % 2, i / 2);
            i++;
        }
        Button export = new Button("Export CSV…");
        export.setId("exportCsvButton");
        export.setOnAction(e -> files.chooseCsvTarget(getScene().getWindow()).ifPresent(vm::exportCsv));
        Button clear = new Button("Clear");
        clear.setId("clearLatencyButton");
        clear.setOnAction(e -> vm.clear());
        Label note = new Label("Last " + (int) vm.windowSeconds() + " s; p50 / p95 over the visible window.");
        HBox bar = new HBox(8, export, clear, note);
        Label headline = new Label();
        headline.setId("latencyHeadline");
        headline.getStyleClass().add("latency-headline");
        headline.setWrapText(true);
        headline.textProperty().bind(vm.headlineProperty());
        setTop(new VBox(8, headline, bar));
        // Below the charts' minimum size the grid scrolls instead of squeezing titles and axes out of sight.
        ScrollPane charts = new ScrollPane(grid);
        charts.setId("latencyCharts");
        charts.setFitToWidth(true);
        charts.setFitToHeight(true);
        setCenter(charts);
        setPadding(new Insets(8));
        BorderPane.setMargin(getTop(), new Insets(0, 0, 8, 0));
    }

    private static VBox chart(LatencyViewModel.Series series) {
        NumberAxis x = new NumberAxis();
        x.setLabel("time (s)");
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        y.setLabel("ms");
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("chart-" + series.metric().csvName());
        chart.setAnimated(false); // animations would lag behind 4 Hz updates and cost CPU
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);
        chart.setMinHeight(140);
        XYChart.Series<Number, Number> line = new XYChart.Series<>();
        line.setName(series.metric().label());
        chart.getData().add(line);
        mirror(series.points(), line.getData());

        Label title = new Label(series.metric().label());
        title.getStyleClass().add("chart-title");
        Label summary = new Label();
        summary.setId("summary-" + series.metric().csvName());
        summary.textProperty().bind(series.summaryProperty());
        // Title and numbers on lines of their own: side by side they elided each other in a half-width chart.
        VBox box = new VBox(2, title, summary, chart);
        box.setMinWidth(260);
        VBox.setVgrow(chart, Priority.ALWAYS);
        return box;
    }

    /** Applies the ViewModel's list changes to the chart's data one for one (a batch is one change). */
    private static void mirror(
            ObservableList<LatencySample> source, ObservableList<XYChart.Data<Number, Number>> target) {
        source.forEach(s -> target.add(point(s)));
        source.addListener((ListChangeListener<LatencySample>) c -> {
            while (c.next()) {
                if (c.wasRemoved()) {
                    target.remove(c.getFrom(), c.getFrom() + c.getRemovedSize());
                }
                if (c.wasAdded()) {
                    target.addAll(
                            c.getFrom(),
                            c.getAddedSubList().stream().map(LatencyView::point).toList());
                }
            }
        });
    }

    private static XYChart.Data<Number, Number> point(LatencySample s) {
        return new XYChart.Data<>(s.atS(), s.valueMs());
    }
}
