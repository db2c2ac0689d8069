package dev.voiceconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceconsole.journal.Journal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalCliTest {

    @TempDir
    Path dir;

    @Test
    void listShowSearchExportAndDeleteThroughTheCommandLine() throws Exception {
        Path file = dir.resolve("journal.db");
        long dictation;
        long meeting;
        try (Journal journal = Journal.open(file)) {
            dictation = journal.start("microphone", "base.en", "sidecar");
            journal.append(dictation, 0.5, 2.0, "Ship the release on Friday.");
            journal.end(dictation);
            meeting = journal.start("meeting.wav", "base.en", "embedded");
            journal.append(meeting, 1.0, 3.5, "The release slips a week.");
            journal.append(meeting, 4.0, 5.0, "Questions?");
        }
        String j = "--journal=" + file;

        CliTest.Run list = CliTest.run("journal", "list", j);
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out().lines().toList()).hasSize(2);
        assertThat(list.out().lines().findFirst().orElseThrow())
                .contains(" " + meeting + "  ", "not ended", "2 segments", "meeting.wav (base.en, embedded)");
        assertThat(list.out().lines().skip(1).findFirst().orElseThrow()).contains("0m", "1 segment ", "microphone");

        CliTest.Run show = CliTest.run("journal", "show", String.valueOf(meeting), j);
        assertThat(show.out()).contains("The release slips a week.", "Questions?", "1.00", "3.50");

        CliTest.Run search = CliTest.run("journal", "search", "release", j);
        assertThat(search.out().lines().toList()).hasSize(2).anyMatch(l -> l.endsWith("Ship the release on Friday."));

        Path srt = dir.resolve("meeting.srt");
        CliTest.Run export =
                CliTest.run("journal", "export", String.valueOf(meeting), "--format", "srt", "-o", srt.toString(), j);
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(Files.readString(srt)).startsWith("1\n00:00:01,000 --> 00:00:03,500\nThe release slips a week.\n");

        assertThat(CliTest.run("journal", "delete", String.valueOf(dictation), j)
                        .exitCode())
                .isZero();
        CliTest.Run gone = CliTest.run("journal", "show", String.valueOf(dictation), j);
        assertThat(gone.exitCode()).isEqualTo(2);
        assertThat(gone.err().strip()).isEqualTo("voice-console: no journal entry " + dictation);
    }

    @Test
    void aMissingOrForeignJournalFileIsBadInputWithTheReason() throws Exception {
        CliTest.Run missing = CliTest.run("journal", "list", "--journal=" + dir.resolve("none.db"));
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no journal at " + dir.resolve("none.db"));
        Path notes = Files.writeString(dir.resolve("notes.db"), "plain text, not a database ".repeat(100));
        CliTest.Run foreign = CliTest.run("journal", "list", "--journal=" + notes);
        assertThat(foreign.exitCode()).isEqualTo(2);
        assertThat(foreign.err()).contains("cannot be used", "not a database");
    }
}
