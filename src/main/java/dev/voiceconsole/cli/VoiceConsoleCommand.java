package dev.voiceconsole.cli;

import dev.voiceconsole.app.SoftwareVersion;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code voice-console} command line: every subcommand hangs off this. */
@Command(
        name = "voice-console",
        mixinStandardHelpOptions = true,
        versionProvider = VoiceConsoleCommand.Version.class,
        description = "Local, private dictation: whisper.cpp behind a gRPC voice worker.",
        footer = {
            "",
            "--model takes a model file, or a name in ~/.local/share/voice-console/models.",
            "No model yet? 'voice-console models download base.en' fetches one;",
            "'voice-console models make-test-model PATH' writes a weightless one to try",
            "the pipeline with.",
            "'voice-console help COMMAND' explains a command."
        },
        subcommands = {
            TranscribeCommand.class,
            ModelsCommand.class,
            SidecarCommand.class,
            HealthCommand.class,
            BenchCommand.class,
            JournalCommand.class,
            CommandLine.HelpCommand.class
        })
public final class VoiceConsoleCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command line with the shared error handling; {@code out}/{@code err} are injectable for tests. */
    public static CommandLine create(PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new VoiceConsoleCommand());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionExceptionHandler(new ErrorReporter());
        cmd.setParameterExceptionHandler(new UsageErrorReporter());
        return cmd;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"voice-console " + SoftwareVersion.current()};
        }
    }
}
