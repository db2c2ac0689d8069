package dev.voiceconsole.sidecar;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What to launch and how long to wait for it.
 *
 * @param model          passed as {@code --model}
 * @param threads        passed as {@code --threads} when not null
 * @param gpu            passed as {@code --gpu}: decode on the GPU backend of a GPU build of whisper.cpp
 * @param readyTimeout   how long the model load may take before the sidecar is given up
 * @param drainDeadline  how long the sidecar drains on SIGTERM (passed as {@code --drain-ms}); stop waits this long,
 *                       plus {@code killGrace}, before SIGKILL
 * @param killGrace      allowance on top of the drain for the server stop and the JVM exit
 */
public record SidecarLaunch(
        SidecarCommandLine commandLine,
        Path model,
        Integer threads,
        boolean gpu,
        Duration readyTimeout,
        Duration drainDeadline,
        Duration killGrace) {

    public SidecarLaunch {
        Objects.requireNonNull(commandLine, "commandLine");
        Objects.requireNonNull(model, "model");
        requirePositive("ready timeout", readyTimeout);
        requirePositive("drain deadline", drainDeadline);
        requirePositive("kill grace", killGrace);
    }

    public static SidecarLaunch defaults(SidecarCommandLine commandLine, Path model, Integer threads) {
        return new SidecarLaunch(
                commandLine,
                model,
                threads,
                false,
                Duration.ofSeconds(60),
                Duration.ofSeconds(10),
                Duration.ofSeconds(5));
    }

    public SidecarLaunch withReadyTimeout(Duration value) {
        return new SidecarLaunch(commandLine, model, threads, gpu, value, drainDeadline, killGrace);
    }

    public SidecarLaunch withDrainDeadline(Duration value) {
        return new SidecarLaunch(commandLine, model, threads, gpu, readyTimeout, value, killGrace);
    }

    public SidecarLaunch withKillGrace(Duration value) {
        return new SidecarLaunch(commandLine, model, threads, gpu, readyTimeout, drainDeadline, value);
    }

    public SidecarLaunch withCommandLine(SidecarCommandLine value) {
        return new SidecarLaunch(value, model, threads, gpu, readyTimeout, drainDeadline, killGrace);
    }

    public SidecarLaunch withGpu(boolean value) {
        return new SidecarLaunch(commandLine, model, threads, value, readyTimeout, drainDeadline, killGrace);
    }

    /**
     * Loopback, any free port, gone with this process; the token is in the environment, never here.
     */
    List<String> argv() {
        List<String> args = new ArrayList<>(List.of(
                "sidecar",
                "--model",
                model.toString(),
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--drain-ms",
                String.valueOf(drainDeadline.toMillis()),
                "--exit-with-parent"));
        if (threads != null) {
            args.add("--threads");
            args.add(threads.toString());
        }
        if (gpu) {
            args.add("--gpu");
        }
        return commandLine.command(args);
    }

    private static void requirePositive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
