package dev.voiceconsole.sidecar;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

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

    /**
     * Whisper-jni's native library directory (a GPU build of whisper.cpp, say). Named here, not imported, so this
     * package need not depend on the engine; it mirrors {@code engine.NativeWhisperLibrary.LIBDIR_PROPERTY}.
     */
    static final String WHISPER_LIBDIR_PROPERTY = "io.github.givimad.whisperjni.libdir";

    /**
     * The runtime and class path this JVM runs on (the shaded jar in production, the installer's bundled runtime
     * when installed), so versions always match. The whisper library directory the app was started with goes to
     * the sidecar too, or a GPU build chosen for the app would silently not be the one that decodes.
     */
    public static SidecarCommandLine ofRunningApp() {
        SidecarCommandLine app =
                ofRuntime(System.getProperties(), ProcessHandle.current().info().command());
        List<String> options = new ArrayList<>(app.jvmOptions());
        // A class archive extends the runtime's default one; a jlinked runtime (the installers') has none, and a JVM
        // asked to record an archive without it refuses to start.
        options.addAll(
                SidecarStartupOptions.runtimeHasBaseArchive(Path.of(System.getProperty("java.home")))
                        ? SidecarStartupOptions.forClassPath(
                                app.classPath(),
                                System.getProperty("java.vm.version"),
                                SidecarStartupOptions.defaultCacheDir())
                        : List.of(SidecarStartupOptions.C1_ONLY));
        return app.withJvmOptions(options);
    }

    /** {@link #ofRunningApp()} for the given system properties and process executable. */
    static SidecarCommandLine ofRuntime(Properties system, Optional<String> processCommand) {
        String libDir = system.getProperty(WHISPER_LIBDIR_PROPERTY);
        List<String> options = libDir == null ? List.of() : List.of("-D" + WHISPER_LIBDIR_PROPERTY + "=" + libDir);
        Path java = javaLauncher(Path.of(system.getProperty("java.home")), processCommand);
        return new SidecarCommandLine(java, system.getProperty("java.class.path"), APP_MAIN, options);
    }

    /**
     * The runtime's own {@code bin/java}, not this process's executable: in the installed app the process is the
     * jpackage launcher, which would take {@code -cp … Main sidecar …} as application arguments. The process's
     * executable is only the fallback for a runtime that was stripped of its launchers.
     */
    static Path javaLauncher(Path javaHome, Optional<String> processCommand) {
        for (String name : List.of("java", "java.exe")) {
            Path candidate = javaHome.resolve("bin").resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return processCommand
                .map(Path::of)
                .orElseGet(() -> javaHome.resolve("bin").resolve("java"));
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
