package dev.voiceconsole.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceconsole.proto.v1.FinalSegment;
import dev.voiceconsole.proto.v1.StreamEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fault suite: a dictation whose journal fills up keeps its text, says so once, and saves it when room is back. */
class JournalRecorderTest {

    @TempDir
    Path dir;

    private static StreamEvent fin(int id, String text) {
        return StreamEvent.newBuilder()
                .setFinal(FinalSegment.newBuilder()
                        .setSegmentId(id)
                        .setStartS(id)
                        .setEndS(id + 1)
                        .setText(text))
                .build();
    }

    @Test
    void segmentsThatDoNotFitAreHeldReportedOnceAndWrittenInOrderWhenThereIsRoom() {
        List<JournalException> reported = new CopyOnWriteArrayList<>();
        try (Journal journal = Journal.open(dir.resolve("j.db"), 64)) {
            JournalRecorder recorder =
                    JournalRecorder.start(journal, "microphone", "tiny.en", "embedded", reported::add);
            long ballast = journal.start("ballast", "m", "embedded");
            fill(journal, ballast);

            recorder.onEvent(fin(1, "one"));
            recorder.onEvent(fin(2, "two"));
            assertThat(reported).as("one report for the run of failures").hasSize(1);
            assertThat(reported.get(0).diskFull()).isTrue();
            assertThat(recorder.unsaved())
                    .extracting(JournalRecorder.Unsaved::text)
                    .containsExactly("one", "two");
            assertThat(journal.segments(recorder.entryId())).isEmpty();

            journal.delete(ballast); // the user makes room
            recorder.onEvent(fin(3, "three"));
            recorder.end();

            assertThat(recorder.unsaved()).isEmpty();
            assertThat(journal.segments(recorder.entryId()))
                    .extracting(JournalSegment::text)
                    .containsExactly("one", "two", "three");
            assertThat(journal.entry(recorder.entryId()).orElseThrow().ended()).isPresent();
            assertThat(reported).hasSize(1);
        }
    }

    @Test
    void whatIsStillUnsavedAtTheEndIsReportedWithItsCount() {
        List<JournalException> reported = new CopyOnWriteArrayList<>();
        try (Journal journal = Journal.open(dir.resolve("j.db"), 64)) {
            JournalRecorder recorder =
                    JournalRecorder.start(journal, "microphone", "tiny.en", "embedded", reported::add);
            fill(journal, journal.start("ballast", "m", "embedded"));
            recorder.recordAll(List.of(fin(1, "one").getFinal(), fin(2, "two").getFinal()));
            recorder.end();
            assertThat(reported).hasSize(2);
            assertThat(reported.get(1).getMessage())
                    .contains("2 segment(s) of entry " + recorder.entryId()
                            + " could not be saved; the text is still in the transcript");
            assertThat(reported.get(1).diskFull()).isTrue();
        }
    }

    @Test
    void aStreamThatEndsWithoutAWordLeavesNoEntry() {
        try (Journal journal = Journal.open(dir.resolve("j.db"))) {
            JournalRecorder silent = JournalRecorder.start(journal, "microphone", "tiny.en", "embedded", e -> {});
            assertThat(journal.entry(silent.entryId()))
                    .as("open while the stream runs")
                    .isPresent();
            silent.onEvent(fin(1, "  "));
            silent.recordAll(List.of());
            silent.end();
            JournalRecorder spoken = JournalRecorder.start(journal, "talk.wav", "tiny.en", "embedded", e -> {});
            spoken.recordAll(List.of(fin(1, "hello").getFinal()));
            spoken.end();
            assertThat(journal.entries(10, 0)).extracting(JournalEntry::source).containsExactly("talk.wav");
        }
    }

    private static void fill(Journal journal, long entry) {
        String text = "ballast that takes the room the dictation would need. ".repeat(4);
        for (int i = 0; i < 10_000; i++) {
            try {
                journal.append(entry, i, i + 1, text);
            } catch (JournalException e) {
                assertThat(e.diskFull()).isTrue();
                return;
            }
        }
        throw new AssertionError("the page limit never filled up");
    }
}
