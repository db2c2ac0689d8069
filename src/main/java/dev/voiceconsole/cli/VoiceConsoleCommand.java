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
            "Models: a path, or a name looked up in ~/.local/share/voice-console/models (e.g. --model tiny.en).",
            "No model yet? 'models make-test-model PATH' writes a weightless one to try the pipeline with."
        },
        subcommands = {
            TranscribeCommand.class,
            ModelsCommand.class,
            SidecarCommand.class,
            HealthCommand.class,
            BenchCommand.class,
            JournalCommand.class
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
        cmd.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("voice-console: " + ex.getMessage());
            ex.getCommandLine()
                    .getErr()
                    .println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCodes.BAD_INPUT;
        });
        return cmd;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"voice-console " + SoftwareVersion.current()};
        }
    }
}
