package dev.voiceconsole.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voiceconsole.testing.MicrophoneTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A device that fails or stalls mid-capture (each test has a daemon of its own, so the others keep theirs). */
@MicrophoneTest
class DeviceLossTest {

    @Test
    void soundServerVanishingMidCaptureIsReportedNotSilent() throws Exception {
        BlockCollector collector = new BlockCollector();
        MicrophoneCapture capture;
        try (VirtualMicrophone microphone = VirtualMicrophone.start()) {
            microphone.play(440, -20);
            capture = MicrophoneCapture.start(CaptureSettings.defaults(16000), collector);
            await().atMost(Duration.ofSeconds(5)).until(() -> collector.size() >= 5);
        }
        try (capture) {
            await().atMost(Duration.ofSeconds(5)).until(() -> collector.failure() != null);
            assertThat(collector.failure().reason()).isEqualTo(CaptureException.Reason.DEVICE_FAILED);
            assertThat(collector.failure().getMessage())
                    .isEqualTo("Microphone 'default [default]' stopped delivering audio");
            long delivered = collector.size();
            assertThat(capture.stats().blocksDelivered()).isEqualTo(delivered);
            assertThat(capture.stats().blocksCaptured()).isEqualTo(delivered);
        }
    }

    @Test
    void closeReturnsPromptlyWhileTheDeviceDeliversNothing() throws Exception {
        BlockCollector collector = new BlockCollector();
        try (VirtualMicrophone microphone = VirtualMicrophone.start()) {
            microphone.play(440, -20);
            MicrophoneCapture capture = MicrophoneCapture.start(CaptureSettings.defaults(16000), collector);
            await().atMost(Duration.ofSeconds(5)).until(() -> collector.size() >= 5);
            microphone.stallDevice();
            long before = System.nanoTime();

            capture.close();

            assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofMillis(500));
            assertThat(collector.failure()).isNull();
            assertThat(capture.stats().blocksDelivered()).isEqualTo(collector.size());
        }
    }
}
