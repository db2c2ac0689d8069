package dev.voiceconsole.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.voiceconsole.audio.EpochMicros;
import dev.voiceconsole.testing.MicrophoneTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Capture from a real (virtual) microphone: a PulseAudio pipe source reached through javax.sound and ALSA. */
@MicrophoneTest
class MicrophoneCaptureTest {

    private static final int RUN_BLOCKS = 27;
    private static final int SETTLING_BLOCKS = 2;
    private static VirtualMicrophone microphone;

    @BeforeAll
    static void startVirtualMicrophone() throws Exception {
        microphone = VirtualMicrophone.start();
    }

    @AfterAll
    static void stopVirtualMicrophone() throws Exception {
        if (microphone != null) {
            microphone.close();
        }
    }

    @Test
    void listsTheVirtualMicrophoneWithBothRates() throws Exception {
        List<CaptureDevice> devices = CaptureDevices.list();

        assertThat(devices).hasSize(1);
        CaptureDevice device = devices.get(0);
        assertThat(device.sampleRates()).containsExactly(16000, 48000);
        // The listed device really is the pipe source: capturing from it opens a recording stream on "vmic".
        try (MicrophoneCapture capture = MicrophoneCapture.start(
                CaptureSettings.defaults(16000).withDevice(device.name()), new BlockCollector())) {
            assertThat(capture.device()).isEqualTo(device);
            await().atMost(Duration.ofSeconds(5)).until(() -> microphone.recordingStreamsOnPipeSource() == 1);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> microphone.recordingStreamsOnPipeSource() == 0);
    }

    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(ints = {16000, 48000})
    void toneArrivesWithItsFrequencyLevelAndTimestamps(int rate) throws Exception {
        microphone.play(440, -20);
        BlockCollector collector = new BlockCollector();
        long startMicros = EpochMicros.of(Instant.now());
        List<AudioBlock> first;
        List<AudioBlock> second;
        try (MicrophoneCapture capture = MicrophoneCapture.start(CaptureSettings.defaults(rate), collector)) {
            first = awaitRun(collector, 0, block -> block.rmsDbfs() > -26);
            int switchedAt = collector.size();
            microphone.play(1000, -12);
            // Selected by level only, so the frequency below is measured, not assumed.
            second = awaitRun(collector, switchedAt, block -> block.rmsDbfs() > -18);
            assertThat(capture.stats().blocksDropped()).isZero();
        }

        ToneAnalysis a = ToneAnalysis.of(first);
        assertThat(a.frequencyHz()).isCloseTo(440, within(1.0));
        assertThat(a.rmsDbfs()).isCloseTo(-23.01, within(1.0));
        assertThat(a.peakDbfs()).isCloseTo(-20, within(1.0));
        ToneAnalysis b = ToneAnalysis.of(second);
        assertThat(b.frequencyHz()).isCloseTo(1000, within(1.0));
        assertThat(b.rmsDbfs()).isCloseTo(-15.01, within(1.0));
        for (AudioBlock block : second) {
            assertThat(block.sampleRate()).isEqualTo(rate);
            assertThat(block.frames()).isEqualTo(rate / 50);
            assertThat(block.rmsDbfs()).isCloseTo(-15.01f, within(1.0f));
            assertThat(block.peakDbfs()).isCloseTo(-12f, within(1.0f));
        }

        List<AudioBlock> all = collector.blocks();
        assertThat(all.get(0).sequence()).isEqualTo(1);
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).sequence()).isEqualTo(all.get(i - 1).sequence() + 1);
            assertThat(all.get(i).captureTimeMicros() - all.get(i - 1).captureTimeMicros())
                    .isEqualTo(20_000);
        }
        // The first sample was captured after start() was called and (allowing for buffering) not long before.
        assertThat(all.get(0).captureTimeMicros()).isBetween(startMicros - 250_000, startMicros + 1_000_000);
    }

    @Test
    void levelMeterTellsSilenceFromSpeechLevels() throws Exception {
        microphone.silence();
        BlockCollector collector = new BlockCollector();
        List<AudioBlock> silent;
        List<AudioBlock> loud;
        try (MicrophoneCapture capture = MicrophoneCapture.start(CaptureSettings.defaults(48000), collector)) {
            // The sound server may still hold the previous test's tone for a moment: the meter must come down to
            // the silence floor and stay there (a meter stuck at any level never produces this run).
            silent = awaitRun(collector, 0, block -> block.rmsDbfs() < -90f);
            int switchedAt = collector.size();
            microphone.play(300, -6);
            loud = awaitRun(collector, switchedAt, block -> block.peakDbfs() > -10);
        }

        for (AudioBlock block : silent) {
            assertThat(block.rmsDbfs()).isLessThan(-90f);
            assertThat(block.peakDbfs()).isLessThan(-90f);
        }
        for (AudioBlock block : loud) {
            assertThat(block.rmsDbfs()).isCloseTo(-9.03f, within(1.0f));
            assertThat(block.peakDbfs()).isCloseTo(-6f, within(1.0f));
        }
    }

    @Test
    void stalledConsumerCostsCountedBlocksButNeverStopsTheReader() throws Exception {
        microphone.play(440, -20);
        BlockCollector collector = new BlockCollector();
        collector.stall();
        CaptureSettings settings = CaptureSettings.defaults(16000).withBufferMillis(100);
        MicrophoneCapture capture = MicrophoneCapture.start(settings, collector);
        CaptureStats atResume;
        try (capture) {
            await().atMost(Duration.ofSeconds(5)).until(() -> capture.stats().blocksDropped() >= 5);
            long capturedWhileStalled = capture.stats().blocksCaptured();
            // The reader keeps draining the device while the consumer is still stuck in its first block.
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> capture.stats().blocksCaptured() >= capturedWhileStalled + 10);
            atResume = capture.stats();
            assertThat(collector.stalledCalls()).isEqualTo(1);
            assertThat(collector.size()).isEqualTo(1);
            assertThat(atResume.queuedBlocks()).isEqualTo(settings.queueCapacity());
            assertThat(atResume.blocksDropped()).isGreaterThanOrEqualTo(15);

            collector.resume();
            long resumedAfterSequence = atResume.blocksCaptured();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> collector.blocks().stream()
                                    .filter(b -> b.sequence() > resumedAfterSequence)
                                    .count()
                            >= 10);
        }
        CaptureStats atEnd = capture.stats();
        List<AudioBlock> received = collector.blocks();

        long missing = 0;
        for (int i = 1; i < received.size(); i++) {
            AudioBlock previous = received.get(i - 1);
            AudioBlock block = received.get(i);
            long step = block.sequence() - previous.sequence();
            assertThat(step).isPositive();
            missing += step - 1;
            // Timestamps come from the audio clock, so they skip exactly the dropped blocks' duration.
            assertThat(block.captureTimeMicros() - previous.captureTimeMicros()).isEqualTo(step * 20_000);
        }
        assertThat(received.get(0).sequence()).isEqualTo(1);
        assertThat(missing).isEqualTo(atEnd.blocksDropped());
        assertThat(atEnd.blocksDropped()).isGreaterThanOrEqualTo(atResume.blocksDropped());
        assertThat(atEnd.blocksCaptured()).isEqualTo(atEnd.blocksDelivered() + atEnd.blocksDropped());
        assertThat(atEnd.blocksDelivered()).isEqualTo(received.size());
        assertThat(received.get(received.size() - 1).sequence()).isEqualTo(atEnd.blocksCaptured());
    }

    @Test
    void unknownDeviceNamesTheAvailableOnes() {
        assertThatThrownBy(() -> MicrophoneCapture.start(
                        CaptureSettings.defaults(16000).withDevice("USB Headset 3000"), new BlockCollector()))
                .isInstanceOfSatisfying(CaptureException.class, e -> {
                    assertThat(e.reason()).isEqualTo(CaptureException.Reason.DEVICE_NOT_FOUND);
                    assertThat(e.getMessage())
                            .isEqualTo("Microphone 'USB Headset 3000' not found; available: '"
                                    + CaptureDevices.list().get(0).name() + "'");
                });
    }

    @Test
    void rateOutsideSixteenAndFortyEightKilohertzIsRefusedClearly() {
        assertThatThrownBy(() -> MicrophoneCapture.start(CaptureSettings.defaults(44100), new BlockCollector()))
                .isInstanceOfSatisfying(CaptureException.class, e -> {
                    assertThat(e.reason()).isEqualTo(CaptureException.Reason.UNSUPPORTED_FORMAT);
                    assertThat(e.getMessage())
                            .isEqualTo(
                                    "Capture at 44100 Hz is not offered: VoiceConsole captures at 16000 or 48000 Hz");
                });
    }

    /** Waits for {@value #RUN_BLOCKS} consecutive matching blocks from index {@code from} on; returns all but the first two. */
    private static List<AudioBlock> awaitRun(BlockCollector collector, int from, Predicate<AudioBlock> matches) {
        return await().atMost(Duration.ofSeconds(5))
                .until(() -> findRun(collector.blocks(), from, matches), run -> run != null);
    }

    private static List<AudioBlock> findRun(List<AudioBlock> blocks, int from, Predicate<AudioBlock> matches) {
        int runStart = -1;
        for (int i = from; i < blocks.size(); i++) {
            if (!matches.test(blocks.get(i))) {
                runStart = -1;
            } else if (runStart < 0) {
                runStart = i;
            } else if (i - runStart + 1 == RUN_BLOCKS) {
                // The first blocks of a run may still hold the end of the previous signal.
                return blocks.subList(runStart + SETTLING_BLOCKS, i + 1);
            }
        }
        return null;
    }
}
