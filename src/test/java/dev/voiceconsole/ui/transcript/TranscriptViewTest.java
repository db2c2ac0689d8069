package dev.voiceconsole.ui.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voiceconsole.proto.v1.FinalSegment;
import dev.voiceconsole.proto.v1.StreamEvent;
import dev.voiceconsole.settings.UiSettings;
import dev.voiceconsole.testing.WindowTest;
import dev.voiceconsole.ui.common.BackgroundFiles;
import dev.voiceconsole.ui.common.BackgroundTasks;
import dev.voiceconsole.ui.common.NoFilePicker;
import dev.voiceconsole.ui.common.UiExecutor;
import dev.voiceconsole.ui.common.WordFlow;
import dev.voiceconsole.ui.common.WorkerState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The transcript list on a headless Monocle screen: which word nodes are marked, and what hovering one says. */
@WindowTest
class TranscriptViewTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final FxRobot robot = new FxRobot();
    private final SimpleObjectProperty<UiSettings> settings =
            new SimpleObjectProperty<>(UiSettings.defaults().withLowConfidencePercent(50));
    private TranscriptViewModel vm;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void showTheView() throws Exception {
        vm = new TranscriptViewModel(
                new BackgroundFiles(BackgroundTasks.callerRuns(), UiExecutor.direct(), e -> {}), settings);
        FxToolkit.setupSceneRoot(() -> new TranscriptView(
                vm,
                new ReadOnlyObjectWrapper<>(WorkerState.READY).getReadOnlyProperty(),
                new SimpleBooleanProperty(true),
                new SimpleBooleanProperty(false),
                new SimpleStringProperty("F9"),
                new NoFilePicker()));
        FxToolkit.showStage();
    }

    @AfterEach
    void hideTooltips() throws Exception {
        onFx(() -> {
            Window.getWindows().stream()
                    .filter(Tooltip.class::isInstance)
                    .toList()
                    .forEach(Window::hide);
            return null;
        });
    }

    private static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get();
    }

    private void say(FinalSegment f) throws Exception {
        onFx(() -> {
            vm.accept(StreamEvent.newBuilder().setFinal(f).build());
            return null;
        });
    }

    /** The word nodes the list shows now, in order. */
    private List<Text> words() throws Exception {
        return onFx(() -> robot.lookup("#finalsList .word").queryAllAs(Text.class).stream()
                .filter(TranscriptViewTest::onScreen)
                .sorted(java.util.Comparator.comparingDouble(
                        t -> t.localToScene(t.getBoundsInLocal()).getMinX()))
                .toList());
    }

    /** Visible with all its parents: not in the cell the list only measures with. */
    private static boolean onScreen(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** The texts of the word nodes that carry the low-confidence mark. */
    private List<String> marked() throws Exception {
        return onFx(() -> words().stream()
                .filter(t -> t.getStyleClass().contains(WordFlow.LOW_CONFIDENCE))
                .map(Text::getText)
                .toList());
    }

    @Test
    void exactlyTheUnsureWordIsMarkedAndANewThresholdReMarksWhatIsShown() throws Exception {
        say(TranscriptViewModelTest.withWords(1, 0.3));
        await().atMost(PATIENCE).until(() -> words().size() == 3);
        assertThat(words()).extracting(Text::getText).containsExactly("alpha", "bravo,", "charlie.");
        assertThat(marked()).containsExactly("bravo,");

        onFx(() -> {
            settings.set(settings.get().withLowConfidencePercent(0));
            return null;
        });
        await().atMost(PATIENCE).until(() -> marked().isEmpty() && words().size() == 3);

        onFx(() -> {
            settings.set(settings.get().withLowConfidencePercent(70));
            return null;
        });
        await().atMost(PATIENCE).until(() -> marked().equals(List.of("bravo,", "charlie.")));
    }

    @Test
    void hoveringAWordShowsItsTimeAndConfidence() throws Exception {
        say(TranscriptViewModelTest.withWords(1, 0.3));
        await().atMost(PATIENCE).until(() -> words().size() == 3);
        Node bravo = words().get(1);

        robot.moveTo(bravo);
        await().atMost(PATIENCE).until(() -> shownTooltip().isPresent());
        assertThat(shownTooltip()).contains("0:00.8 – 0:01.2, confidence 32% (below 50%)");
    }

    private Optional<String> shownTooltip() throws Exception {
        return onFx(() -> Window.getWindows().stream()
                .filter(w -> w instanceof Tooltip && w.isShowing())
                .map(w -> ((Tooltip) w).getText())
                .findFirst());
    }

    @Test
    void aFinalWithoutWordsIsPlainText() throws Exception {
        say(FinalSegment.newBuilder()
                .setUtteranceId(1)
                .setSegmentId(1)
                .setStartS(0)
                .setEndS(1)
                .setText(" plain words here")
                .build());
        await().atMost(PATIENCE)
                .until(() -> onFx(() -> robot.lookup("#finalsList .segment-text").queryAllAs(Text.class).stream()
                                .filter(TranscriptViewTest::onScreen)
                                .map(Text::getText)
                                .toList())
                        .equals(List.of("plain words here")));
        assertThat(words()).isEmpty();
    }
}
