package dev.voiceconsole.ui.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.voiceconsole.proto.v1.FinalSegment;
import dev.voiceconsole.proto.v1.PartialTranscript;
import dev.voiceconsole.proto.v1.StreamEvent;
import dev.voiceconsole.proto.v1.Word;
import dev.voiceconsole.settings.UiSettings;
import dev.voiceconsole.transcript.TranscriptFormat;
import dev.voiceconsole.transcript.TranscriptSegment;
import dev.voiceconsole.transcript.TranscriptWord;
import dev.voiceconsole.ui.common.BackgroundFiles;
import dev.voiceconsole.ui.common.BackgroundTasks;
import dev.voiceconsole.ui.common.UiExecutor;
import dev.voiceconsole.ui.common.WordMarks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptViewModelTest {

    private final List<String> errors = new ArrayList<>();
    private final SimpleObjectProperty<UiSettings> settings =
            new SimpleObjectProperty<>(UiSettings.defaults().withLowConfidencePercent(50));
    /** Saves run on the test's thread, so a file is there (or the error is) when saveTo returns. */
    private final TranscriptViewModel vm = new TranscriptViewModel(
            new BackgroundFiles(BackgroundTasks.callerRuns(), UiExecutor.direct(), errors::add), settings);

    /** "alpha bravo charlie" with times and probabilities, bravo the one the decoder was unsure of. */
    static FinalSegment withWords(int utterance, double start) {
        return FinalSegment.newBuilder()
                .setUtteranceId(utterance)
                .setSegmentId(1)
                .setStartS(start)
                .setEndS(start + 1.5)
                .setText(" alpha bravo, charlie.")
                .addWords(word("alpha", start, start + 0.4, 0.97f))
                .addWords(word("bravo,", start + 0.5, start + 0.9, 0.32f))
                .addWords(word("charlie.", start + 1.0, start + 1.5, 0.64f))
                .build();
    }

    private static Word word(String text, double start, double end, float probability) {
        return Word.newBuilder()
                .setText(text)
                .setStartS(start)
                .setEndS(end)
                .setProbability(probability)
                .build();
    }

    private List<String> marked() {
        WordMarks marks = vm.wordMarksProperty().get();
        return vm.finals().stream()
                .flatMap(s -> s.words().stream())
                .filter(marks::low)
                .map(TranscriptWord::text)
                .toList();
    }

    private static StreamEvent partial(int utterance, String stable, String unstable) {
        return StreamEvent.newBuilder()
                .setPartial(PartialTranscript.newBuilder()
                        .setUtteranceId(utterance)
                        .setStableText(stable)
                        .setUnstableText(unstable))
                .build();
    }

    private static StreamEvent fin(int utterance, int id, double start, double end, String text) {
        return StreamEvent.newBuilder()
                .setFinal(FinalSegment.newBuilder()
                        .setUtteranceId(utterance)
                        .setSegmentId(id)
                        .setStartS(start)
                        .setEndS(end)
                        .setText(text))
                .build();
    }

    @Test
    void partialShowsStableAndUnstableApartAndFinalReplacesItInOneStep() {
        vm.accept(partial(1, "", "alpha"));
        assertThat(vm.stableTextProperty().get()).isEmpty();
        assertThat(vm.unstableTextProperty().get()).isEqualTo("alpha");

        vm.accept(partial(1, "alpha", "bravo"));
        assertThat(vm.stableTextProperty().get()).isEqualTo("alpha");
        assertThat(vm.unstableTextProperty().get()).isEqualTo(" bravo");
        assertThat(vm.partialSeenProperty().get()).isTrue();

        // Whoever watches the list sees the live line already cleared: the text is never shown twice.
        List<String> liveWhenFinalAppeared = new ArrayList<>();
        vm.finals().addListener((javafx.collections.ListChangeListener<TranscriptSegment>)
                c -> liveWhenFinalAppeared.add(vm.stableTextProperty().get()
                        + vm.unstableTextProperty().get()));
        vm.accept(fin(1, 1, 0.3, 1.4, " alpha bravo"));

        assertThat(vm.finals()).containsExactly(new TranscriptSegment(1, 0.3, 1.4, "alpha bravo"));
        assertThat(vm.stableTextProperty().get()).isEmpty();
        assertThat(vm.unstableTextProperty().get()).isEmpty();
        assertThat(liveWhenFinalAppeared).containsExactly("");
    }

    @Test
    void finalOfAnOlderUtteranceKeepsTheNewerLiveLine() {
        vm.accept(partial(2, "delta", "echo"));
        vm.accept(fin(1, 1, 0, 1, "charlie"));
        assertThat(vm.stableTextProperty().get()).isEqualTo("delta");
        assertThat(vm.finals()).extracting(TranscriptSegment::text).containsExactly("charlie");
    }

    @Test
    void timesContinueAcrossDictationSessions() {
        vm.sessionStarted();
        vm.accept(fin(1, 1, 0.5, 2.0, "alpha"));
        vm.sessionStarted();
        vm.accept(fin(1, 1, 0.25, 1.0, "bravo"));
        assertThat(vm.finals())
                .containsExactly(
                        new TranscriptSegment(1, 0.5, 2.0, "alpha"), new TranscriptSegment(2, 2.25, 3.0, "bravo"));
    }

    @Test
    void copySaveAndClear(@TempDir Path dir) throws Exception {
        vm.accept(fin(1, 1, 0, 1.5, "alpha bravo"));
        vm.accept(fin(2, 2, 2, 3.25, "charlie"));
        assertThat(vm.plainText()).isEqualTo("alpha bravo\ncharlie\n");

        Path srt = dir.resolve("t.srt");
        vm.saveTo(srt);
        assertThat(Files.readString(srt))
                .isEqualTo(
                        "1\n00:00:00,000 --> 00:00:01,500\nalpha bravo\n\n2\n00:00:02,000 --> 00:00:03,250\ncharlie\n\n");
        assertThat(errors).isEmpty();
        vm.saveTo(dir.resolve("t.docx"));
        vm.saveTo(dir.resolve("missing").resolve("t.txt"));
        assertThat(errors)
                .as("an unknown format and a failed write reach the error line")
                .hasSize(2);
        assertThat(errors.get(0)).startsWith("Cannot save t.docx: ");
        assertThat(errors.get(1))
                .startsWith("Cannot save " + dir.resolve("missing").resolve("t.txt") + ": ");
        assertThat(dir.resolve("t.docx")).doesNotExist();
        assertThat(vm.render(TranscriptFormat.VTT)).startsWith("WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.500\n");
        assertThat(vm.render(TranscriptFormat.JSON)).contains("\"text\" : \"charlie\"");

        vm.clear();
        assertThat(vm.finals()).isEmpty();
        assertThat(vm.plainText()).isEmpty();
        assertThat(vm.partialSeenProperty().get()).isFalse();
    }

    @Test
    void aFinalKeepsItsWordsOnTheTranscriptsClockAndOnlyTheUnsureOneIsMarked() {
        vm.sessionStarted();
        vm.accept(fin(1, 1, 0, 2.0, "earlier"));
        vm.sessionStarted();
        vm.accept(StreamEvent.newBuilder().setFinal(withWords(1, 0.3)).build());

        TranscriptSegment s = vm.finals().get(1);
        assertThat(s.words()).extracting(TranscriptWord::text).containsExactly("alpha", "bravo,", "charlie.");
        // Shifted past the first session (which ended at 2.0 s), as the segment is.
        assertThat(s.words().get(1).startS()).isCloseTo(2.8, within(1e-9));
        assertThat(s.words().get(2).endS()).isCloseTo(3.8, within(1e-9));
        assertThat(s.words()).extracting(TranscriptWord::probability).containsExactly(0.97f, 0.32f, 0.64f);
        assertThat(vm.finals().get(0).words()).isEmpty();
        assertThat(marked()).containsExactly("bravo,");
        assertThat(vm.wordMarksProperty().get().details(s.words().get(1)))
                .isEqualTo("0:02.8 – 0:03.2, confidence 32% (below 50%)");
        assertThat(vm.wordMarksProperty().get().details(s.words().get(0))).isEqualTo("0:02.3 – 0:02.7, confidence 97%");
        assertThat(vm.finals().get(1).startS()).isCloseTo(2.3, within(1e-9));
    }

    @Test
    void theMarksFollowTheSettings() {
        vm.appendSession(List.of(withWords(1, 0)));
        assertThat(marked()).containsExactly("bravo,");

        settings.set(settings.get().withLowConfidencePercent(0));
        assertThat(marked()).as("0 = off").isEmpty();
        assertThat(vm.wordMarksProperty().get()).isEqualTo(WordMarks.OFF);

        settings.set(settings.get().withLowConfidencePercent(70));
        assertThat(marked()).containsExactly("bravo,", "charlie.");
    }

    @Test
    void aWordAtTheThresholdAsShownIsNotBelowIt() {
        WordMarks marks = new WordMarks(40);
        assertThat(marks.low(new TranscriptWord("a", 0, 1, 0.396f)))
                .as("shown as 40%")
                .isFalse();
        assertThat(marks.low(new TranscriptWord("a", 0, 1, 0.394f))).isTrue();
        assertThat(WordMarks.OFF.low(new TranscriptWord("a", 0, 1, 0f))).isFalse();
        assertThat(WordMarks.percent(new TranscriptWord("a", 0, 1, Float.NaN))).isZero();
    }
}
