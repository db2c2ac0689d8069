package dev.voiceconsole.sidecar;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to start a sidecar JVM: which java, which class path and main class, which JVM options. Production uses the
 * running app's own runtime and class path ({@link #ofRunningApp()}); tests point it at their class path, at a stub
 * main class, or at a java that does not exist.
 *
 * @param mainClass the class whose {@code main} takes the {@code sidecar …} arguments
 */
public record SidecarCommandLine(Path javaExecutable, String classPath, String mainClass, List<String> jvmOptions) {

    /** The app's entry point; named here, not imported, so this package need not depend on the app. */
    public static final String APP_MAIN = "dev.voiceconsole.app.Main";

    public SidecarCommandLine {
        Objects.requireNonNull(javaExecutable, "javaExecutable");
        Objects.requireNonNull(classPath, "classPath");
        Objects.requireNonNull(mainClass, "mainClass");
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** The runtime and class path this JVM runs on (the shaded jar in production), so versions always match. */
    public static SidecarCommandLine ofRunningApp() {
        return new SidecarCommandLine(currentJava(), System.getProperty("java.class.path"), APP_MAIN, List.of());
    }

    static Path currentJava() {
        return ProcessHandle.current().info().command().map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    public SidecarCommandLine withMainClass(String value) {
        return new SidecarCommandLine(javaExecutable, classPath, value, jvmOptions);
    }

    public SidecarCommandLine withJavaExecutable(Path value) {
        return new SidecarCommandLine(value, classPath, mainClass, jvmOptions);
    }

    public SidecarCommandLine withJvmOptions(List<String> value) {
        return new SidecarCommandLine(javaExecutable, classPath, mainClass, value);
    }

    /** The full argv; {@code sidecarArguments} follow the main class. */
    public List<String> command(List<String> sidecarArguments) {
        List<String> argv = new ArrayList<>();
        argv.add(javaExecutable.toString());
        argv.addAll(jvmOptions);
        argv.add("-cp");
        argv.add(classPath);
        argv.add(mainClass);
        argv.addAll(sidecarArguments);
        return argv;
    }
}
