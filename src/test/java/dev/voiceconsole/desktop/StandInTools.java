package dev.voiceconsole.desktop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;

/**
 * Small shell scripts installed under a tool's name in a test's own bin directory: they record the arguments
 * they were started with (each as one NUL-terminated entry, exactly as received) or fail like the real tool would.
 */
final class StandInTools {

    private final Path bin;

    StandInTools(Path bin) throws IOException {
        this.bin = Files.createDirectories(bin);
    }

    Path bin() {
        return bin;
    }

    /** A tool that appends its arguments to {@code <name>.calls} and succeeds. */
    void recording(String name) throws IOException {
        script(name, "for a in \"$@\"; do printf '%s\\0' \"$a\"; done >> \"$0.calls\"\nprintf '\\n' >> \"$0.calls\"\n");
    }

    /** A tool that prints {@code message} on stderr and exits with {@code code}. */
    void failing(String name, int code, String message) throws IOException {
        script(name, "cat >&2 <<'MESSAGE'\n" + message + "\nMESSAGE\nexit " + code + "\n");
    }

    /** A tool that never finishes by itself. */
    void hanging(String name) throws IOException {
        script(name, "exec sleep 60\n");
    }

    /** Every call's arguments, in order. */
    List<List<String>> calls(String name) throws IOException {
        Path log = bin.resolve(name + ".calls");
        if (!Files.exists(log)) {
            return List.of();
        }
        return Arrays.stream(Files.readString(log, StandardCharsets.UTF_8).split("\n", -1))
                .filter(call -> !call.isEmpty())
                .map(call -> List.of(call.substring(0, call.length() - 1).split("\0", -1)))
                .toList();
    }

    private void script(String name, String body) throws IOException {
        Path file = bin.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
