package dev.voiceconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/** The help of every command, as an 80-column terminal shows it: whole sentences, no word cut at a line's end. */
class CommandLineHelpTest {

    private static final int TERMINAL = 80;

    private static Map<String, CommandLine> everyCommand() {
        Map<String, CommandLine> all = new java.util.LinkedHashMap<>();
        collect(
                VoiceConsoleCommand.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())),
                all);
        return all;
    }

    private static void collect(CommandLine cmd, Map<String, CommandLine> into) {
        into.put(cmd.getCommandSpec().qualifiedName(), cmd);
        cmd.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, into));
    }

    /** Every line the code gives picocli: descriptions, headers, footers, option and parameter texts. */
    private static List<String> writtenLines(CommandSpec spec) {
        List<String> lines = new ArrayList<>();
        lines.addAll(Arrays.asList(spec.usageMessage().description()));
        lines.addAll(Arrays.asList(spec.usageMessage().header()));
        lines.addAll(Arrays.asList(spec.usageMessage().footer()));
        for (ArgSpec arg : spec.args()) {
            lines.addAll(Arrays.asList(arg.description()));
        }
        lines.removeIf(String::isBlank);
        return lines;
    }

    @Test
    void everyLineOfEveryHelpFitsAnEightyColumnTerminalAsWritten() {
        SoftAssertions softly = new SoftAssertions();
        everyCommand().forEach((name, cmd) -> {
            String usage = cmd.getUsageMessage(CommandLine.Help.Ansi.OFF);
            for (String rendered : usage.lines().toList()) {
                softly.assertThat(rendered.length()).as(name + ": " + rendered).isLessThanOrEqualTo(TERMINAL);
            }
            // A line picocli had to wrap is broken wherever its line breaker likes, inside "e.g." or "~/.local"
            // too; one that reaches the terminal whole was written to fit.
            for (String written : writtenLines(cmd.getCommandSpec())) {
                // picocli formats each line: "%n" is a line break of its own.
                written.replace("%n", "\n")
                        .lines()
                        .filter(l -> !l.isBlank())
                        .forEach(line -> softly.assertThat(usage)
                                .as(name + " shows this line whole")
                                .contains(line.strip()));
            }
        });
        softly.assertAll();
    }

    @Test
    void everyCommandIsSummedUpInOneWholeSentence() {
        everyCommand().forEach((name, cmd) -> {
            // What picocli lists for a command: its header when it has one, else its description's first line.
            CommandLine.Model.UsageMessageSpec usage = cmd.getCommandSpec().usageMessage();
            String[] lines = usage.header().length > 0 ? usage.header() : usage.description();
            assertThat(lines).as(name).isNotEmpty();
            String summary = lines[0];
            assertThat(summary).as(name + "'s summary").endsWith(".");
            if (cmd.getParent() != null) {
                assertThat(cmd.getParent().getUsageMessage(CommandLine.Help.Ansi.OFF))
                        .as(name + "'s summary in its parent's list, whole")
                        .contains(summary);
            }
        });
    }
}
