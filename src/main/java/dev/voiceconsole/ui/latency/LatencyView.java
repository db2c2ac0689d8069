package dev.voiceconsole.ui.latency;

import dev.voiceconsole.ui.common.FilePicker;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
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
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** One small line chart per latency metric with its p50 / p95, and CSV export of the raw samples. */
public final class LatencyView extends BorderPane {

    public LatencyView(LatencyViewModel vm, FilePicker files) {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        int i = 0;
        for (LatencyMetric metric : LatencyMetric.values()) {
            VBox cell = chart(vm, vm.series(metric));
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

    private static final DateTimeFormatter TIME_OF_DAY =
            DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());

    private static VBox chart(LatencyViewModel vm, LatencyViewModel.Series series) {
        LatencyMetric metric = series.metric();
        NumberAxis x = new NumberAxis();
        x.setLabel("time of day");
        x.setForceZeroInRange(false);
        // Seconds since the app started mean nothing to anyone; the clock on the wall does.
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number atS) {
                return TIME_OF_DAY.format(vm.wallClockAt(atS.doubleValue()));
            }

            @Override
            public Number fromString(String text) {
                throw new UnsupportedOperationException("tick labels are only shown");
            }
        });
        NumberAxis y = new NumberAxis();
        y.setLabel("ms");
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("chart-" + metric.csvName());
        chart.setAnimated(false); // animations would lag behind 4 Hz updates and cost CPU
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);
        chart.setMinHeight(140);
        // Room on the right for the last time label, which otherwise hangs over the chart's edge and is cut.
        chart.setPadding(new Insets(4, 28, 4, 4));
        XYChart.Series<Number, Number> line = new XYChart.Series<>();
        line.setName(metric.label());
        chart.getData().add(line);
        mirror(series.points(), line.getData());
        followInWholeSeconds(x, series.points());

        Label title = new Label(metric.label());
        title.getStyleClass().add("chart-title");
        Label summary = new Label();
        summary.setId("summary-" + metric.csvName());
        summary.textProperty().bind(series.summaryProperty());
        // Title and numbers on lines of their own: side by side they elided each other in a half-width chart.
        VBox box = new VBox(2, title, summary);
        metric.goalMs().ifPresent(goal -> {
            XYChart.Series<Number, Number> goalLine = goalLine(series.points(), goal);
            chart.getData().add(goalLine);
            Label goalNote = new Label(String.format(Locale.ROOT, "Goal %.1f s (dashed line)", goal / 1000));
            goalNote.getStyleClass().add("hint");
            box.getChildren().add(goalNote);
        });

        // An empty chart says what fills it instead of showing a meaningless 0-110 scale.
        Label empty = new Label("No samples yet: one is taken for " + metric.measuredFor() + ".");
        empty.setId("empty-" + metric.csvName());
        empty.getStyleClass().add("placeholder");
        empty.setWrapText(true);
        BooleanBinding none = Bindings.isEmpty(series.points());
        empty.visibleProperty().bind(none);
        chart.visibleProperty().bind(none.not());
        StackPane plot = new StackPane(chart, empty);
        plot.setMinHeight(140);
        box.getChildren().add(plot);
        VBox.setVgrow(plot, Priority.ALWAYS);
        box.setMinWidth(260);
        return box;
    }

    private static final double[] TICK_UNITS_S = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600};

    /**
     * Keeps the time axis on whole seconds with at most about six ticks: left to itself it ticks every 0.5 s and
     * prints each second twice.
     */
    private static void followInWholeSeconds(NumberAxis x, ObservableList<LatencySample> points) {
        x.setAutoRanging(false);
        x.setMinorTickVisible(false);
        Runnable range = () -> {
            if (points.isEmpty()) {
                return;
            }
            double lower = Math.floor(points.get(0).atS());
            double upper = Math.max(Math.ceil(points.get(points.size() - 1).atS()), lower + 1);
            double unit = TICK_UNITS_S[TICK_UNITS_S.length - 1];
            for (double candidate : TICK_UNITS_S) {
                if ((upper - lower) / candidate <= 6) {
                    unit = candidate;
                    break;
                }
            }
            x.setLowerBound(lower);
            x.setUpperBound(upper);
            x.setTickUnit(unit);
        };
        range.run();
        points.addListener((ListChangeListener<LatencySample>) c -> range.run());
    }

    /** A flat line at the goal across the samples' time range, kept spanning it as samples come and go. */
    private static XYChart.Series<Number, Number> goalLine(ObservableList<LatencySample> points, double goalMs) {
        XYChart.Series<Number, Number> goal = new XYChart.Series<>();
        goal.setName("goal");
        Runnable span = () -> {
            if (points.isEmpty()) {
                goal.getData().clear();
            } else {
                double from = points.get(0).atS();
                double to = points.get(points.size() - 1).atS();
                goal.getData().setAll(List.of(new XYChart.Data<>(from, goalMs), new XYChart.Data<>(to, goalMs)));
            }
        };
        span.run();
        points.addListener((ListChangeListener<LatencySample>) c -> span.run());
        // Inline: the chart resets its series' style classes whenever series come or go.
        goal.nodeProperty().addListener((o, was, node) -> {
            if (node != null) {
                node.setStyle("-fx-stroke: goal-color; -fx-stroke-width: 1.5px; -fx-stroke-dash-array: 6 5;");
            }
        });
        return goal;
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
