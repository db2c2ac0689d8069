package dev.voiceconsole.cli;

import dev.voiceconsole.journal.Journal;
import dev.voiceconsole.journal.JournalEntry;
import dev.voiceconsole.journal.JournalException;
import dev.voiceconsole.journal.JournalLocation;
import dev.voiceconsole.journal.JournalSegment;
import dev.voiceconsole.journal.SearchHit;
import dev.voiceconsole.transcript.TranscriptFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code journal …}: browse, search, export and delete what was dictated and transcribed. */
@Command(
        name = "journal",
        mixinStandardHelpOptions = true,
        description = {
            "Every dictation and transcribed file, as final text.",
            "Default file: $XDG_DATA_HOME/voice-console/journal.db",
            "(~/.local/share/voice-console/journal.db)."
        },
        subcommands = {
            JournalCommand.ListEntries.class,
            JournalCommand.Show.class,
            JournalCommand.Search.class,
            JournalCommand.Export.class,
            JournalCommand.Delete.class
        })
final class JournalCommand implements Runnable {

    private static final String NOTHING_YET = "nothing dictated or transcribed yet";
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());

    @Option(
            names = "--journal",
            paramLabel = "FILE",
            scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "journal file (default: the user's)")
    Path file;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static JournalEntry requireEntry(Journal journal, long id) {
        return journal.entry(id).orElseThrow(() -> noEntry(id));
    }

    private static UserInputException noEntry(long id) {
        return new UserInputException("no journal entry " + id);
    }

    private static UserInputException noEntryYet(long id) {
        return new UserInputException("no journal entry " + id + " (" + NOTHING_YET + ")");
    }

    /** As {@link #withJournal}, for a command about entry {@code id}: before the first dictation there is none. */
    <T> T withJournalFor(long id, Function<Journal, T> action) {
        return withJournal(action, () -> {
            throw noEntryYet(id);
        });
    }

    /** An empty listing is an answer, not an error: stdout stays empty for scripts, people read why on stderr. */
    void sayWhenEmpty(List<?> shown, String what) {
        if (shown.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("voice-console: " + what);
            err.flush();
        }
    }

    /**
     * Runs an action on the journal. The user's own journal not existing yet means nothing was dictated yet, so
     * {@code beforeFirstEntry} answers; a --journal file that does not exist is a mistyped path, said as such.
     */
    <T> T withJournal(Function<Journal, T> action, Supplier<T> beforeFirstEntry) {
        Path target = file != null ? file : JournalLocation.forCurrentUser();
        if (!Files.exists(target)) {
            if (file == null) {
                return beforeFirstEntry.get();
            }
            throw new UserInputException("no journal at " + target + " (nothing dictated yet, or another --journal)");
        }
        try (Journal journal = Journal.open(target)) {
            return action.apply(journal);
        } catch (JournalException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }

    static String line(JournalEntry e) {
        String state = e.ended()
                .map(end -> formatDuration(Duration.between(e.started(), end)))
                .orElse("not ended");
        return String.format(
                Locale.ROOT,
                "%6d  %s  %-9s  %4d segment%s  %s (%s, %s)",
                e.id(),
                WHEN.format(e.started()),
                state,
                e.segments(),
                e.segments() == 1 ? " " : "s",
                e.source(),
                e.model(),
                e.mode());
    }

    private static String formatDuration(Duration d) {
        long s = d.toSeconds();
        return s >= 3600
                ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Entries, newest first.")
    static final class ListEntries implements Callable<Integer> {
        @ParentCommand
        JournalCommand parent;

        @Option(
                names = "--limit",
                paramLabel = "N",
                defaultValue = "50",
                description = "at most this many (default: ${DEFAULT-VALUE})")
        int limit;

        @Override
        public Integer call() {
            PrintWriter out = parent.spec.commandLine().getOut();
            List<JournalEntry> entries = parent.withJournal(j -> j.entries(limit, 0), List::of);
            entries.forEach(e -> out.println(line(e)));
            out.flush();
            parent.sayWhenEmpty(entries, "the journal is empty: " + NOTHING_YET);
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One entry's segments with their times.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        JournalCommand parent;

        @Parameters(paramLabel = "ID")
        long id;

        @Override
        public Integer call() {
            PrintWriter out = parent.spec.commandLine().getOut();
            parent.withJournalFor(id, j -> {
                out.println(line(requireEntry(j, id)));
                for (JournalSegment s : j.segments(id)) {
                    out.printf(Locale.ROOT, "  [%8.2f – %8.2f]  %s%n", s.startS(), s.endS(), s.text());
                }
                return null;
            });
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "search",
            mixinStandardHelpOptions = true,
            description = "Segments containing every word given (word beginnings match).")
    static final class Search implements Callable<Integer> {
        @ParentCommand
        JournalCommand parent;

        @Parameters(paramLabel = "WORDS", arity = "1..*")
        List<String> words;

        @Option(
                names = "--limit",
                paramLabel = "N",
                defaultValue = "100",
                description = "at most this many (default: ${DEFAULT-VALUE})")
        int limit;

        @Override
        public Integer call() {
            PrintWriter out = parent.spec.commandLine().getOut();
            List<SearchHit> hits = parent.withJournal(j -> j.search(String.join(" ", words), limit), List::of);
            for (SearchHit h : hits) {
                out.printf(
                        Locale.ROOT,
                        "%6d  %s  [%8.2f]  %s%n",
                        h.entry().id(),
                        WHEN.format(h.entry().started()),
                        h.segment().startS(),
                        h.segment().text());
            }
            out.flush();
            parent.sayWhenEmpty(hits, "no segment contains " + String.join(" ", words));
            return ExitCodes.OK;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "One entry as a transcript file.")
    static final class Export implements Callable<Integer> {
        @ParentCommand
        JournalCommand parent;

        @Parameters(paramLabel = "ID")
        long id;

        @Option(
                names = "--format",
                defaultValue = "txt",
                description = "txt, json, srt or vtt (default: ${DEFAULT-VALUE})")
        String format;

        @Option(
                names = {"-o", "--output"},
                paramLabel = "FILE",
                description = "write here instead of stdout")
        Path output;

        @Override
        public Integer call() throws IOException {
            TranscriptFormat f = CliInputs.transcriptFormat(format);
            String text = parent.withJournalFor(id, j -> {
                requireEntry(j, id);
                return j.export(id, f);
            });
            if (output == null) {
                parent.spec.commandLine().getOut().print(text);
                parent.spec.commandLine().getOut().flush();
            } else {
                Files.writeString(output, text, StandardCharsets.UTF_8);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Removes one entry and its text.")
    static final class Delete implements Callable<Integer> {
        @ParentCommand
        JournalCommand parent;

        @Parameters(paramLabel = "ID")
        long id;

        @Override
        public Integer call() {
            if (!parent.withJournalFor(id, j -> j.delete(id))) {
                throw noEntry(id);
            }
            return ExitCodes.OK;
        }
    }
}
