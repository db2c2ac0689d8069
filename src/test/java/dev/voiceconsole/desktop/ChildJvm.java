package dev.voiceconsole.desktop;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A main class of the test class path in its own JVM (a separate application, or code that needs its own
 * environment: the native keyboard hook reads DISPLAY from the process environment). Its stdout lines are
 * collected for the test to wait on; stdin carries commands.
 */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final PrintWriter stdin;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private ChildJvm(Process process) {
        this.process = process;
        this.stdin = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader out = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = out.readLine()) != null; ) {
                            lines.add(line);
                        }
                    } catch (IOException e) {
                        lines.add("!! stdout read failed: " + e.getMessage());
                    }
                },
                "child-jvm-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    public static ChildJvm start(
            Class<?> main, Map<String, String> env, List<String> jvmOptions, Path stderr, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-Dfile.encoding=UTF-8");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        return new ChildJvm(builder.start());
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Waits for a stdout line that passes the test and returns it. */
    public String awaitLine(Predicate<String> test, Duration atMost) {
        await().atMost(atMost).until(() -> lines.stream().anyMatch(test) || !process.isAlive());
        return lines.stream()
                .filter(test)
                .findFirst()
                .orElseThrow(() -> new AssertionError("the child JVM exited (" + process.exitValue()
                        + ") without the expected line; it printed " + lines));
    }

    public void send(String command) {
        stdin.println(command);
    }

    public Process process() {
        return process;
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
