package dev.voiceconsole.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceconsole.testing.ChildProcessTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault suite: the journal on a disk that fills up. Every append that returns must be on disk; the first that
 * cannot be must throw, and writing works again once there is room. A real 1 MiB tmpfs where this process may
 * mount one (root), otherwise SQLite's own page limit, which fails the same way at the same JDBC calls.
 */
@ChildProcessTest
class JournalFullDiskTest {

    /** Far more than a 1 MiB disk holds: the loop ends by an exception long before. */
    private static final int TRIES = 20_000;

    private static final String TEXT = "A final segment of dictated text that takes some room on the disk. ".repeat(3);

    @TempDir
    Path dir;

    @Test
    void onAFullTmpfsEveryReturnedAppendIsOnDiskAndTheFirstLostOneThrows() throws Exception {
        Optional<FullDisk> disk = FullDisk.mount(dir.resolve("disk"), 1024);
        if (disk.isEmpty()) {
            fillUpAndCheck(Journal.open(dir.resolve("limited.db"), 64), dir.resolve("limited.db"), null);
            return;
        }
        try (FullDisk d = disk.get()) {
            // Room that the test gives back later, as a user deleting a large file would.
            Path ballast = Files.write(d.path().resolve("ballast"), new byte[128 * 1024]);
            Path file = d.path().resolve("journal.db");
            fillUpAndCheck(Journal.open(file), file, () -> d.delete(ballast));
        }
    }

    @Test
    void sqlitesPageLimitIsTheSameFullDiskAtTheJdbcLayer() throws Exception {
        Path file = dir.resolve("limited.db");
        fillUpAndCheck(Journal.open(file, 64), file, null);
    }

    interface Room {
        void free() throws Exception;
    }

    private static void fillUpAndCheck(Journal journal, Path file, Room room) throws Exception {
        List<Integer> returned = new ArrayList<>();
        JournalException failure = null;
        long id;
        try (journal) {
            id = journal.start("microphone", "tiny.en", "embedded");
            for (int i = 0; i < TRIES && failure == null; i++) {
                try {
                    returned.add(journal.append(id, i, i + 1, i + ": " + TEXT));
                } catch (JournalException e) {
                    failure = e;
                }
            }
            assertThat(failure)
                    .as("an append on a full disk must throw, not return")
                    .isNotNull();
            assertThat(failure.getMessage())
                    .contains("could not write a segment")
                    .containsIgnoringCase("full");
            assertThat(failure.diskFull()).isTrue();
            assertThat(returned)
                    .as("every returned index is new")
                    .doesNotHaveDuplicates()
                    .containsExactlyElementsOf(
                            IntStream.rangeClosed(1, returned.size()).boxed().toList());
            if (room != null) {
                room.free();
                assertThat(journal.append(id, 0, 1, "after room came back")).isEqualTo(returned.size() + 1);
                returned.add(returned.size() + 1);
            }
        }
        try (Journal reopened = Journal.open(file)) {
            assertThat(reopened.segments(id))
                    .as("what append returned is what is on disk")
                    .hasSize(returned.size());
        }
    }
}
