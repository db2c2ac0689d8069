package dev.voiceconsole.ui.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceconsole.proto.v1.FinalSegment;
import dev.voiceconsole.proto.v1.PartialTranscript;
import dev.voiceconsole.proto.v1.StreamEvent;
import dev.voiceconsole.transcript.TranscriptFormat;
import dev.voiceconsole.transcript.TranscriptSegment;
import dev.voiceconsole.ui.common.BackgroundFiles;
import dev.voiceconsole.ui.common.BackgroundTasks;
import dev.voiceconsole.ui.common.UiExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptViewModelTest {

    private final List<String> errors = new ArrayList<>();
    /** Saves run on the test's thread, so a file is there (or the error is) when saveTo returns. */
    private final TranscriptViewModel vm = new TranscriptViewModel(
            new BackgroundFiles(BackgroundTasks.callerRuns(), UiExecutor.direct(), errors::add));

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
}
