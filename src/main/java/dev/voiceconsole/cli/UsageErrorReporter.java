package dev.voiceconsole.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/**
 * Turns a command line picocli could not parse into one line saying what was wrong, the nearest command or option
 * when the user mistyped one, and where help is: exit 2, as for every other mistake of the user's.
 */
final class UsageErrorReporter implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("voice-console: " + message(ex));
        err.println("Try '" + helpCommand(cmd) + "' for usage.");
        err.flush();
        return ExitCodes.BAD_INPUT;
    }

    private static String message(CommandLine.ParameterException ex) {
        if (!(ex instanceof CommandLine.UnmatchedArgumentException unmatched)
                || unmatched.getUnmatched().isEmpty()) {
            return ex.getMessage();
        }
        String first = unmatched.getUnmatched().get(0);
        CommandLine cmd = ex.getCommandLine();
        String what;
        if (unmatched.isUnknownOption()) {
            what = "unknown option '" + first + "'";
        } else if (!cmd.getSubcommands().isEmpty()) {
            what = "'" + first + "' is not a command of " + cmd.getCommandSpec().qualifiedName();
        } else {
            return ex.getMessage();
        }
        List<String> suggestions = unmatched.getSuggestions();
        return suggestions.isEmpty() ? what : what + "; did you mean '" + suggestions.get(0) + "'?";
    }

    /** "voice-console help" at the top, "voice-console journal list --help" below it. */
    private static String helpCommand(CommandLine cmd) {
        return cmd.getParent() == null
                ? cmd.getCommandName() + " help"
                : cmd.getCommandSpec().qualifiedName() + " --help";
    }
}
