package dev.voiceconsole.desktop;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a desktop tool (xdotool, xclip, wtype) directly, never through a shell, so text passed as an argument is
 * never interpreted; with a time limit, the session's display variables, and its output kept in files (a tool
 * such as {@code xclip -i} leaves a background process holding its output open, which a pipe would wait on).
 */
final class ExternalTool {

    /** The variables that say which display a tool talks to. */
    private static final List<String> DISPLAY_VARIABLES =
            List.of("DISPLAY", "XAUTHORITY", "WAYLAND_DISPLAY", "XDG_RUNTIME_DIR", "XDG_SESSION_TYPE");

    private static final int MAX_MESSAGE_CHARS = 300;

    private final Path executable;
    private final Map<String, String> env;

    ExternalTool(Path executable, Map<String, String> env) {
        this.executable = executable;
        this.env = Map.copyOf(env);
    }

    String name() {
        return executable.getFileName().toString();
    }

    /**
     * Runs with these arguments and, when not null, these bytes on its standard input (small: a segment of text,
     * which fits the pipe's buffer, so writing it cannot wait on the tool); returns its standard output, or throws
     * saying why it failed. A tool still running after {@code timeout} is killed.
     */
    String run(List<String> args, byte[] stdin, Duration timeout) throws TextOutputException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(args);
        Path out = null;
        Path err = null;
        Process process = null;
        try {
            out = Files.createTempFile("voice-console-tool", ".out");
            err = Files.createTempFile("voice-console-tool", ".err");
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            for (String name : DISPLAY_VARIABLES) {
                String value = env.get(name);
                if (value != null) {
                    builder.environment().put(name, value);
                } else {
                    builder.environment().remove(name);
                }
            }
            if (stdin == null) {
                builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            }
            process = builder.start();
            if (stdin != null) {
                try (OutputStream in = process.getOutputStream()) {
                    in.write(stdin);
                }
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new TextOutputException(
                        name() + " did not finish within " + timeout.toMillis() + " ms and was stopped");
            }
            if (process.exitValue() != 0) {
                String message = shorten(Files.readString(err, StandardCharsets.UTF_8));
                throw new TextOutputException(name() + " failed (exit " + process.exitValue() + ")"
                        + (message.isEmpty() ? "" : ": " + message));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            if (process != null) {
                process.destroyForcibly();
            }
            throw new TextOutputException(name() + " could not be run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new TextOutputException(name() + " was interrupted", e);
        } finally {
            delete(out);
            delete(err);
        }
    }

    private static String shorten(String s) {
        String oneLine = s.strip().replaceAll("\\s*\\R\\s*", "; ");
        return oneLine.length() <= MAX_MESSAGE_CHARS ? oneLine : oneLine.substring(0, MAX_MESSAGE_CHARS) + "…";
    }

    private static void delete(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // a leftover temp file is harmless; the tool's result matters more
            }
        }
    }
}
