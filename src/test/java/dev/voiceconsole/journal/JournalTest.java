package dev.voiceconsole.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceconsole.transcript.TranscriptFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    @TempDir
    Path dir;

    @Test
    void entriesAndSegmentsSurviveReopeningNewestFirst() {
        Path file = dir.resolve("data/voice-console/journal.db");
        long first;
        long second;
        try (Journal journal = Journal.open(file)) {
            first = journal.start("microphone", "base.en", "sidecar");
            assertThat(journal.append(first, 0.5, 1.7, "Hello there.")).isEqualTo(1);
            assertThat(journal.append(first, 2.0, 3.1, "Second sentence.")).isEqualTo(2);
            journal.end(first);
            second = journal.start("meeting.wav", "base.en", "embedded");
            journal.append(second, 0.0, 4.0, "From a file.");
        }
        try (Journal journal = Journal.open(file)) {
            List<JournalEntry> entries = journal.entries(10, 0);
            assertThat(entries).extracting(JournalEntry::id).containsExactly(second, first);
            assertThat(entries.get(1).ended()).isPresent();
            assertThat(entries.get(0).ended())
                    .as("never ended: the app died or it still runs")
                    .isEmpty();
            assertThat(entries).extracting(JournalEntry::segments).containsExactly(1, 2);
            assertThat(entries.get(1).source()).isEqualTo("microphone");
            assertThat(journal.segments(first))
                    .extracting(JournalSegment::text)
                    .containsExactly("Hello there.", "Second sentence.");
            assertThat(journal.entries(1, 1)).extracting(JournalEntry::id).containsExactly(first);
        }
    }

    @Test
    void searchFindsEveryWordByPrefixAndIgnoresQueryPunctuation() {
        try (Journal journal = Journal.open(dir.resolve("j.db"))) {
            long a = journal.start("microphone", "m", "embedded");
            journal.append(a, 0, 1, "Deploy the Kubernetes cluster today.");
            journal.append(a, 1, 2, "Lunch at noon.");
            long b = journal.start("microphone", "m", "embedded");
            journal.append(b, 0, 1, "The cluster is down \"again\".");

            assertThat(journal.search("kube", 10))
                    .extracting(h -> h.segment().text())
                    .containsExactly("Deploy the Kubernetes cluster today.");
            assertThat(journal.search("cluster", 10))
                    .extracting(h -> h.entry().id())
                    .containsExactly(b, a);
            assertThat(journal.search("cluster today", 10)).hasSize(1);
            assertThat(journal.search("\"again", 10))
                    .extracting(h -> h.segment().entryId())
                    .containsExactly(b);
            assertThat(journal.search("   ", 10)).isEmpty();
            assertThat(journal.search("nowhere", 10)).isEmpty();
        }
    }

    @Test
    void exportRendersEveryFormatAndDeleteRemovesTheEntryAndItsSegments() {
        try (Journal journal = Journal.open(dir.resolve("j.db"))) {
            long id = journal.start("microphone", "m", "embedded");
            journal.append(id, 1.25, 2.5, "One.");
            journal.append(id, 3.0, 4.0, "Two.");
            assertThat(journal.export(id, TranscriptFormat.TXT)).isEqualTo("One.\nTwo.\n");
            assertThat(journal.export(id, TranscriptFormat.SRT)).startsWith("1\n00:00:01,250 --> 00:00:02,500\nOne.\n");
            assertThat(journal.export(id, TranscriptFormat.VTT)).startsWith("WEBVTT");
            assertThat(journal.export(id, TranscriptFormat.JSON)).contains("\"Two.\"");

            assertThat(journal.delete(id)).isTrue();
            assertThat(journal.entry(id)).isEmpty();
            assertThat(journal.segments(id)).isEmpty();
            assertThat(journal.search("one", 10)).isEmpty();
            assertThat(journal.delete(id)).isFalse();
        }
    }

    @Test
    void concurrentWritersLoseNothingAndKeepOrderWithinAnEntry() throws Exception {
        try (Journal journal = Journal.open(dir.resolve("j.db"))) {
            long a = journal.start("a", "m", "embedded");
            long b = journal.start("b", "m", "embedded");
            List<CompletableFuture<Void>> writers = new ArrayList<>();
            for (long id : new long[] {a, b}) {
                writers.add(CompletableFuture.runAsync(
                        () -> IntStream.range(0, 50).forEach(i -> journal.append(id, i, i + 0.5, "segment " + i))));
            }
            CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get();
            for (long id : new long[] {a, b}) {
                assertThat(journal.segments(id))
                        .extracting(JournalSegment::text)
                        .containsExactlyElementsOf(IntStream.range(0, 50)
                                .mapToObj(i -> "segment " + i)
                                .toList());
            }
        }
    }

    @Test
    void aFileThatIsNotAJournalIsAClearErrorAndIsLeftAlone() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.db"), "these are my notes, not a database ".repeat(200));
        byte[] before = Files.readAllBytes(notes);
        assertThatThrownBy(() -> Journal.open(notes))
                .isInstanceOf(JournalException.class)
                .hasMessageStartingWith("journal " + notes + " cannot be used: ")
                .hasMessageContaining("not a database");
        assertThat(Files.readAllBytes(notes)).isEqualTo(before);
    }

    @Test
    void aJournalFromANewerVersionIsRefusedNotDowngraded() throws Exception {
        Path file = dir.resolve("j.db");
        Journal.open(file).close();
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
                var s = c.createStatement()) {
            s.execute("INSERT INTO schema_version VALUES (" + (Journal.SCHEMA_VERSION + 1) + ")");
        }
        assertThatThrownBy(() -> Journal.open(file))
                .isInstanceOf(JournalException.class)
                .hasMessageContaining("written by a newer VoiceConsole");
    }
}
