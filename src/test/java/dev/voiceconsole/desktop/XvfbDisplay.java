package dev.voiceconsole.desktop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A private X server (Xvfb) on a display number it picks itself ({@code -displayfd}), so tests never touch the
 * user's desktop and parallel runs never collide. Also runs X tools (xdotool, xclip) against it.
 */
public final class XvfbDisplay implements AutoCloseable {

    private final Process server;
    private final String display;

    private XvfbDisplay(Process server, String display) {
        this.server = server;
        this.display = display;
    }

    /** Xvfb on the PATH, if installed ({@code .ci/install-test-deps} installs it). */
    public static Optional<Path> executable() {
        return new Executables(System.getenv()).find("Xvfb");
    }

    /** Starts a server; {@code extensionFlag} is e.g. "+extension" or "-extension" for RECORD. */
    public static XvfbDisplay start(String extensionFlag) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                executable().orElseThrow().toString(),
                "-displayfd",
                "1",
                "-nolisten",
                "tcp",
                "-screen",
                "0",
                "1024x768x24",
                extensionFlag,
                "RECORD"));
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
        String number = CompletableFuture.supplyAsync(() -> {
                    try {
                        return out.readLine();
                    } catch (IOException e) {
                        return null;
                    }
                })
                .get(15, TimeUnit.SECONDS);
        if (number == null || !number.strip().matches("\\d+")) {
            p.destroyForcibly();
            throw new IllegalStateException("Xvfb did not report a display number (got " + number + ")");
        }
        return new XvfbDisplay(p, ":" + number.strip());
    }

    public String display() {
        return display;
    }

    /** This process's environment, talking to this display (and not to any Wayland compositor). */
    public Map<String, String> env() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("DISPLAY", display);
        env.remove("WAYLAND_DISPLAY");
        env.put("XDG_SESSION_TYPE", "x11");
        env.remove("XAUTHORITY");
        return env;
    }

    /** Runs an X tool on this display and returns its output; fails the test when it fails. */
    public String run(String... command) throws Exception {
        return runWithInput(null, command);
    }

    public String runWithInput(String stdin, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env());
        builder.environment().remove("WAYLAND_DISPLAY");
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        java.io.File out = java.io.File.createTempFile("xtool", ".out");
        try {
            // a file, not a pipe: xclip -i leaves a background process behind that would hold a pipe open
            builder.redirectOutput(out);
            Process p = builder.start();
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!p.waitFor(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + p.exitValue());
            }
            return java.nio.file.Files.readString(out.toPath(), StandardCharsets.UTF_8);
        } finally {
            out.delete();
        }
    }

    /** The user's clipboard text, as another application would read it. */
    public String clipboard() throws Exception {
        return run("xclip", "-selection", "clipboard", "-o");
    }

    public void setClipboard(String text) throws Exception {
        runWithInput(text, "xclip", "-selection", "clipboard", "-i");
    }

    @Override
    public void close() {
        server.destroy();
        try {
            if (!server.waitFor(5, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        } catch (InterruptedException e) {
            server.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
