package dev.voiceconsole.capture;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.TargetDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real microphone for javax.sound: a private PulseAudio daemon whose default source is a pipe this class feeds
 * with a test signal in real time. javax.sound reaches it through ALSA's "default" device (the pulse plugin), which
 * finds the daemon through {@code XDG_RUNTIME_DIR}; a JVM cannot change its own environment, so the surefire
 * configuration sets that variable for the test JVM to {@code target/pulse-runtime} and this class starts the
 * daemon there.
 */
public final class VirtualMicrophone implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VirtualMicrophone.class);
    static final int PIPE_RATE = 48000;
    static final String RUNTIME_DIR_NAME = "pulse-runtime";
    static final String PACKAGES = "pulseaudio pulseaudio-utils libasound2-plugins";
    private static final int WRITE_FRAMES = PIPE_RATE / 100;
    /** How far the writer runs ahead of real time; small, so that a signal change reaches capture quickly. */
    private static final long LEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    // Unix socket paths are limited to 108 bytes including the terminator.
    private static final int MAX_SOCKET_PATH = 107;

    /** What the pipe plays; the writer reads it once per 10 ms write. */
    record Signal(double frequencyHz, double peakDbfs) {
        static final Signal SILENCE = new Signal(0, Double.NEGATIVE_INFINITY);

        double amplitude() {
            return frequencyHz <= 0 ? 0 : Math.pow(10, peakDbfs / 20);
        }
    }

    private final Path pactl;
    private final Path clientConfig;
    private final Process daemon;
    private final Thread writer;
    private final Thread shutdownHook;
    private volatile Signal signal = Signal.SILENCE;
    /** The signal of the last buffer written into the pipe. */
    private volatile Signal written = Signal.SILENCE;

    private volatile boolean idle;
    private volatile boolean stopping;
    private volatile boolean paused;
    /** Recorded speech at the pipe's rate, played once instead of the signal; the writer clears it when done. */
    private volatile float[] recording;

    private volatile boolean recordingDone;

    @SuppressWarnings("ThreadPriorityCheck") // a hint against pipe underruns on a loaded machine; nothing relies on it
    private VirtualMicrophone(Path runtimeDir, Path pactl, Path clientConfig, Process daemon) throws IOException {
        this.pactl = pactl;
        this.clientConfig = clientConfig;
        this.daemon = daemon;
        // Should the test JVM end without close() (killed test run), the daemon must not outlive it.
        this.shutdownHook = new Thread(daemon::destroyForcibly, "virtual-microphone-cleanup");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        OutputStream pipe = Files.newOutputStream(runtimeDir.resolve("vmic"));
        this.writer = new Thread(() -> feed(pipe), "virtual-microphone-writer");
        this.writer.setDaemon(true);
        this.writer.setPriority(Thread.MAX_PRIORITY);
        this.writer.start();
    }

    /** Starts the daemon in the runtime directory the surefire configuration gave this JVM and begins feeding it. */
    public static VirtualMicrophone start() throws IOException, InterruptedException {
        Path runtimeDir = runtimeDirOfThisJvm();
        Path pulseaudio = executable("pulseaudio");
        Path pactl = executable("pactl");
        killStaleDaemon(runtimeDir);
        deleteRecursively(runtimeDir);
        Files.createDirectories(runtimeDir);
        Files.setPosixFilePermissions(runtimeDir, PosixFilePermissions.fromString("rwx------"));
        Path home = Files.createDirectories(runtimeDir.resolve("home"));
        Path clientConfig = runtimeDir.resolve("client.conf");
        // A pactl poll before the daemon is up must not autospawn a second, default-configured daemon.
        Files.writeString(clientConfig, "autospawn = no\n");

        ProcessBuilder builder = new ProcessBuilder(
                        pulseaudio.toString(),
                        "-n",
                        "--daemonize=no",
                        "--exit-idle-time=-1",
                        "--disallow-exit",
                        "--log-target=stderr",
                        "--load=module-native-protocol-unix auth-anonymous=1",
                        "--load=module-null-sink sink_name=dummy",
                        "--load=module-pipe-source source_name=vmic file=" + runtimeDir.resolve("vmic")
                                + " format=s16le rate=" + PIPE_RATE + " channels=1")
                .redirectErrorStream(true)
                .redirectOutput(runtimeDir.resolve("pulseaudio.log").toFile());
        // The daemon keeps its cookie and state in a HOME of its own, not in the user's.
        builder.environment().put("HOME", home.toString());
        builder.environment().put("PULSE_CLIENTCONFIG", clientConfig.toString());
        builder.environment().remove("PULSE_SERVER");
        Process daemon = builder.start();
        try {
            await("PulseAudio daemon answering in " + runtimeDir)
                    .atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (!daemon.isAlive()) {
                            throw new IllegalStateException("PulseAudio exited with " + daemon.exitValue() + ":\n"
                                    + Files.readString(runtimeDir.resolve("pulseaudio.log")));
                        }
                        return pactl(pactl, clientConfig, "set-default-source", "vmic") == 0;
                    });
            // Checked on javax.sound directly, not through the code under test.
            if (!AudioSystem.isLineSupported(
                    new DataLine.Info(TargetDataLine.class, new AudioFormat(16000, 16, 1, true, false)))) {
                throw new IllegalStateException("PulseAudio runs, but javax.sound sees no capture line: ALSA's"
                        + " pulse plugin is missing. Install: apt-get install -y " + PACKAGES);
            }
            return new VirtualMicrophone(runtimeDir, pactl, clientConfig, daemon);
        } catch (RuntimeException | IOException e) {
            daemon.destroyForcibly();
            throw e;
        }
    }

    /** Plays a sine of this frequency and peak level; returns once the first buffer of it is in the pipe. */
    public void play(double frequencyHz, double peakDbfs) {
        switchTo(new Signal(frequencyHz, peakDbfs));
    }

    /** Plays digital silence; returns once the first buffer of it is in the pipe. */
    public void silence() {
        switchTo(Signal.SILENCE);
    }

    /**
     * Speaks a 16-kHz recording into the microphone in real time (upsampled to the pipe's rate), then plays silence;
     * returns once all of it is in the pipe, about its own duration later.
     */
    public void speak(float[] samples16k) {
        float[] at48k = new float[samples16k.length * 3];
        for (int i = 0; i < at48k.length; i++) {
            // Linear interpolation: speech is band-limited well below 8 kHz, and PulseAudio's resampler to the
            // capture rate filters what little imaging this leaves above it.
            int k = i / 3;
            float next = k + 1 < samples16k.length ? samples16k[k + 1] : 0f;
            at48k[i] = samples16k[k] + (next - samples16k[k]) * (i % 3) / 3f;
        }
        signal = Signal.SILENCE;
        recordingDone = false;
        recording = at48k;
        long seconds = 5L + at48k.length / PIPE_RATE;
        await("virtual microphone speaking " + samples16k.length + " samples")
                .atMost(Duration.ofSeconds(seconds))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> recordingDone);
    }

    /**
     * Stops feeding the pipe, like a device whose clock stalled: capture then waits for data that does not come.
     * Returns once the writer is idle.
     */
    void stallDevice() {
        paused = true;
        await("virtual microphone writer idle")
                .atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(2))
                .until(() -> idle);
    }

    private void switchTo(Signal next) {
        signal = next;
        await("virtual microphone playing " + next)
                .atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(2))
                .until(() -> written.equals(next));
    }

    private void feed(OutputStream pipe) {
        byte[] buffer = new byte[WRITE_FRAMES * 2];
        double phase = 0;
        long framesWritten = 0;
        int speechAt = 0;
        long startNanos = System.nanoTime();
        try (pipe) {
            while (!stopping) {
                if (paused) {
                    idle = true;
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                    continue;
                }
                Signal now = signal;
                float[] speech = recording;
                double amplitude = now.amplitude();
                double step = 2 * Math.PI * now.frequencyHz() / PIPE_RATE;
                for (int i = 0; i < WRITE_FRAMES; i++) {
                    int sample;
                    if (speech != null) {
                        float x = speechAt < speech.length ? speech[speechAt++] : 0f;
                        sample = Math.round(Math.max(-1f, Math.min(1f, x)) * 32767);
                    } else {
                        sample = (int) Math.round(amplitude * 32767 * Math.sin(phase));
                        phase = (phase + step) % (2 * Math.PI);
                    }
                    buffer[2 * i] = (byte) sample;
                    buffer[2 * i + 1] = (byte) (sample >> 8);
                }
                pipe.write(buffer);
                if (speech != null && speechAt >= speech.length) {
                    recording = null;
                    speechAt = 0;
                    recordingDone = true;
                }
                written = now;
                framesWritten += WRITE_FRAMES;
                // The pipe source has no clock of its own: the writer's pace is the microphone's sample clock.
                long due = startNanos + framesWritten * 1_000_000_000L / PIPE_RATE - LEAD_NANOS;
                long wait;
                while ((wait = due - System.nanoTime()) > 0 && !stopping) {
                    LockSupport.parkNanos(wait);
                }
            }
        } catch (IOException e) {
            if (!stopping) {
                log.error("Virtual microphone writer failed", e);
            }
        }
    }

    @Override
    public void close() throws InterruptedException, IOException {
        stopping = true;
        daemon.destroy();
        if (!daemon.waitFor(5, TimeUnit.SECONDS)) {
            daemon.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        writer.join(5000);
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
        // The runtime directory stays (in target/) with pulseaudio.log for a post-mortem; the next start clears it.
    }

    /** The runtime directory surefire put into this JVM's environment, refusing anything that is not ours. */
    static Path runtimeDirOfThisJvm() {
        String value = System.getenv("XDG_RUNTIME_DIR");
        if (value == null || !Path.of(value).getFileName().toString().equals(RUNTIME_DIR_NAME)) {
            throw new IllegalStateException("Capture tests need XDG_RUNTIME_DIR=<target>/" + RUNTIME_DIR_NAME
                    + " in the test JVM's environment (the surefire configuration in pom.xml sets it; run the"
                    + " tests through Maven), but it is " + value + ". They will not start PulseAudio in a"
                    + " runtime directory that may belong to the user's own sound server.");
        }
        if (System.getenv("PULSE_SERVER") != null) {
            throw new IllegalStateException("PULSE_SERVER is set (" + System.getenv("PULSE_SERVER")
                    + "): javax.sound would capture from that server instead of the test's virtual microphone");
        }
        Path dir = Path.of(value).toAbsolutePath();
        int socketPathLength = dir.resolve("pulse/native").toString().getBytes(StandardCharsets.UTF_8).length;
        if (socketPathLength > MAX_SOCKET_PATH) {
            throw new IllegalStateException("PulseAudio's socket path under " + dir + " would be " + socketPathLength
                    + " bytes, longer than a unix socket allows (" + MAX_SOCKET_PATH + "); build from a shorter path");
        }
        return dir;
    }

    static Path executable(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Stream.of(path.split(File.pathSeparator))
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("'" + name + "' not found on PATH: the capture tests"
                        + " need a real virtual microphone. Install: apt-get install -y " + PACKAGES));
    }

    /** Recording streams the daemon currently feeds from the pipe source, as {@code pactl} reports them. */
    long recordingStreamsOnPipeSource() throws IOException, InterruptedException {
        String sourceIndex = pactlOutput("list", "short", "sources")
                .lines()
                .map(line -> line.split("\t"))
                .filter(columns -> columns.length > 1 && columns[1].equals("vmic"))
                .map(columns -> columns[0])
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("PulseAudio lists no source 'vmic'"));
        return pactlOutput("list", "short", "source-outputs")
                .lines()
                .map(line -> line.split("\t"))
                .filter(columns -> columns.length > 1 && columns[1].equals(sourceIndex))
                .count();
    }

    private String pactlOutput(String... args) throws IOException, InterruptedException {
        Process process = pactlProcess(pactl, clientConfig, args).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("pactl " + String.join(" ", args) + " failed: " + output);
        }
        return output;
    }

    private static int pactl(Path pactl, Path clientConfig, String... args) throws IOException, InterruptedException {
        Process process = pactlProcess(pactl, clientConfig, args)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    private static ProcessBuilder pactlProcess(Path pactl, Path clientConfig, String... args) {
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(pactl.toString()), Stream.of(args))
                        .toList())
                .redirectErrorStream(true);
        builder.environment().put("PULSE_CLIENTCONFIG", clientConfig.toString());
        return builder;
    }

    /** A daemon left by a test JVM that was killed before it could stop it. */
    private static void killStaleDaemon(Path runtimeDir) throws IOException {
        Path pidFile = runtimeDir.resolve("pulse/pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle.of(pid)
                    .filter(p -> p.info()
                            .command()
                            .map(c -> c.endsWith("pulseaudio"))
                            .orElse(false))
                    .ifPresent(p -> {
                        log.info("Stopping stale PulseAudio daemon {} in {}", pid, runtimeDir);
                        p.destroyForcibly();
                        p.onExit().orTimeout(5, TimeUnit.SECONDS).join();
                    });
        } catch (NumberFormatException e) {
            log.debug("Unreadable pid file {}", pidFile);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
