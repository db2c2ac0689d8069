package dev.voiceconsole.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceconsole.testing.ChildProcessTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The promise: kill -9 right after a final segment, and it is in the journal when the app comes back. */
@ChildProcessTest
class JournalSurvivesKillTest {

    @TempDir
    Path dir;

    @Test
    void aFinalSegmentWrittenJustBeforeKillMinus9IsThereOnRestart() throws Exception {
        Path journalFile = dir.resolve("journal.db");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process app = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        JournalingDictationMain.class.getName(),
                        journalFile.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String firstFinal;
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
            firstFinal = CompletableFuture.supplyAsync(() -> out.lines()
                            .filter(l -> l.startsWith("final "))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError("the app ended without a final segment")))
                    .get(60, TimeUnit.SECONDS)
                    .substring("final ".length());

            app.destroyForcibly(); // SIGKILL: no shutdown hook, no close, no flush
            assertThat(app.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(app.exitValue()).isEqualTo(128 + 9);
        } finally {
            app.destroyForcibly();
        }

        try (Journal journal = Journal.open(journalFile)) {
            List<JournalEntry> entries = journal.entries(10, 0);
            assertThat(entries).singleElement().satisfies(e -> {
                assertThat(e.ended()).as("the dictation never ended").isEmpty();
                assertThat(e.source()).isEqualTo("microphone");
            });
            List<JournalSegment> segments = journal.segments(entries.get(0).id());
            assertThat(firstFinal).isEqualTo("alpha bravo charlie");
            assertThat(segments).isNotEmpty();
            assertThat(segments.get(0).text()).isEqualTo(firstFinal);
            assertThat(segments.size())
                    .as("killed before the dictation finished")
                    .isLessThan(3);
        }
    }
}
