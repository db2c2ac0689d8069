package dev.voiceconsole.sidecar;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Launch settings for sidecar child processes started from the test class path. */
final class TestSidecars {

    /** Child JVMs that start fast and stay small: they live for a few seconds. */
    static final List<String> FAST_JVM =
            List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-Xmx256m", "-XX:-UsePerfData");

    private TestSidecars() {}

    /** The real app main ({@code sidecar} command, whisper engine). */
    static SidecarCommandLine realApp() {
        return SidecarCommandLine.ofRunningApp().withJvmOptions(FAST_JVM);
    }

    /** {@link ScriptedSidecarMain} with the given behaviour. */
    static SidecarCommandLine scripted(String behaviour) {
        List<String> options = new ArrayList<>(FAST_JVM);
        options.add("-Dscripted.behaviour=" + behaviour);
        return SidecarCommandLine.ofRunningApp()
                .withMainClass(ScriptedSidecarMain.class.getName())
                .withJvmOptions(options);
    }

    static SidecarLaunch launch(SidecarCommandLine commandLine, Path model) {
        return new SidecarLaunch(
                commandLine, model, 1, false, Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    /** Our live child processes (surefire runs test classes one after another, so these are this test's). */
    static List<ProcessHandle> liveChildren() {
        return ProcessHandle.current()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .toList();
    }
}
