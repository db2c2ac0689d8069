package dev.voiceconsole.ui.pill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voiceconsole.testing.WindowTest;
import dev.voiceconsole.transcript.TranscriptSegment;
import dev.voiceconsole.transcript.TranscriptWord;
import dev.voiceconsole.ui.common.WordFlow;
import dev.voiceconsole.ui.common.WordMarks;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The pill on a headless Monocle screen marks a final's unsure words as the transcript does. */
@WindowTest
class PillWindowTest {

    private static Stage owner;

    private final SimpleBooleanProperty dictating = new SimpleBooleanProperty();
    private final ObservableList<TranscriptSegment> finals = FXCollections.observableArrayList();
    private final SimpleObjectProperty<WordMarks> marks = new SimpleObjectProperty<>(new WordMarks(50));
    private PillViewModel vm;
    private PillWindow pill;

    @BeforeAll
    static void toolkit() throws Exception {
        owner = FxToolkit.registerPrimaryStage();
        FxToolkit.showStage();
    }

    @AfterEach
    void stopDictating() throws Exception {
        onFx(() -> {
            dictating.set(false);
            return null;
        });
    }

    private static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get();
    }

    private List<String> texts(boolean lowOnly) throws Exception {
        return onFx(() -> pill.content().lookupAll("." + WordFlow.WORD).stream()
                .map(Text.class::cast)
                .filter(t -> !lowOnly || t.getStyleClass().contains(WordFlow.LOW_CONFIDENCE))
                .map(Text::getText)
                .toList());
    }

    @Test
    void theLatestFinalsUnsureWordIsMarkedAndTheMarksFollowTheThreshold() throws Exception {
        onFx(() -> {
            vm = new PillViewModel(
                    dictating,
                    new SimpleStringProperty("● Listening 0:01"),
                    new SimpleDoubleProperty(),
                    new SimpleStringProperty(""),
                    finals,
                    marks);
            pill = new PillWindow(vm, owner);
            vm.hotkeyPressed();
            dictating.set(true);
            finals.add(new TranscriptSegment(
                    1,
                    0,
                    1.5,
                    "turn left here",
                    List.of(
                            new TranscriptWord("turn", 0, 0.4, 0.93f),
                            new TranscriptWord("left", 0.5, 0.9, 0.41f),
                            new TranscriptWord("here", 1.0, 1.5, 0.88f))));
            return null;
        });
        await().atMost(Duration.ofSeconds(10))
                .until(() -> onFx(() -> pill.showingProperty().get()));
        assertThat(texts(false)).containsExactly("turn", "left", "here");
        assertThat(texts(true)).containsExactly("left");
        assertThat(onFx(() -> pill.wordsShown().get())).isEqualTo("turn left here");

        onFx(() -> {
            marks.set(WordMarks.OFF);
            return null;
        });
        assertThat(texts(true)).isEmpty();
        assertThat(texts(false)).hasSize(3);
    }
}
