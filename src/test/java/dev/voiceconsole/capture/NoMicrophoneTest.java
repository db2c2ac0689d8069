package dev.voiceconsole.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceconsole.testing.ChildProcessTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A machine without a sound server, played by a child JVM whose XDG_RUNTIME_DIR is empty (the test JVM's own
 * environment points at the virtual microphone and cannot be changed).
 */
@ChildProcessTest
class NoMicrophoneTest {

    @Test
    void withoutASoundServerTheListIsEmptyAndCaptureSaysWhy(@TempDir Path dir) throws Exception {
        Path runtimeDir = Files.createDirectories(dir.resolve("runtime"));
        Path clientConfig = Files.writeString(dir.resolve("client.conf"), "autospawn = no\n");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(
                        java.toString(), "-cp", System.getProperty("java.class.path"), Probe.class.getName())
                .redirectErrorStream(true);
        builder.environment().put("XDG_RUNTIME_DIR", runtimeDir.toString());
        // Without this, a pulse client run by an ordinary user would start a default daemon of its own.
        builder.environment().put("PULSE_CLIENTCONFIG", clientConfig.toString());
        builder.environment().remove("PULSE_SERVER");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output)
                .contains("devices=[]")
                .contains("error=NO_MICROPHONE: No microphone found: javax.sound sees no capture device"
                        + " (is a sound server running?)");
    }

    /** Runs in the child JVM. */
    static final class Probe {
        public static void main(String[] args) throws IOException {
            List<CaptureDevice> devices = CaptureDevices.list();
            System.out.println("devices=" + devices);
            try (MicrophoneCapture capture =
                    MicrophoneCapture.start(CaptureSettings.defaults(16000), new BlockCollector())) {
                System.out.println("opened=" + capture.device());
            } catch (CaptureException e) {
                System.out.println("error=" + e.reason() + ": " + e.getMessage());
            }
        }
    }
}
