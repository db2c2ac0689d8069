package dev.voiceconsole.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RealTimePacerTest {

    private static byte[] pcm(int bytes) {
        byte[] b = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    @Test
    void chunksCoverTheAudioInOrderAndRespectTheSizeLimit() throws Exception {
        byte[] audio = pcm(16_000 * 2 / 10 + 100); // 100 ms of 16 kHz mono and 50 samples more
        List<Integer> sizes = new ArrayList<>();
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        new RealTimePacer(16_000, 1, 20, 500, 0).play(audio, (chunk, captureUs) -> {
            sizes.add(chunk.length);
            joined.writeBytes(chunk);
        });
        // 20 ms would be 640 bytes: the limit makes it 500; the rest comes last.
        assertThat(sizes).hasSize(7).allMatch(n -> n <= 500);
        assertThat(sizes.subList(0, 6)).containsOnly(500);
        assertThat(joined.toByteArray()).isEqualTo(audio);
    }

    @Test
    void aChunkIsNeverSmallerThanOneFrame() throws Exception {
        List<Integer> sizes = new ArrayList<>();
        new RealTimePacer(48_000, 2, 20, 3, 0).play(pcm(12), (chunk, captureUs) -> sizes.add(chunk.length));
        assertThat(sizes).containsExactly(4, 4, 4);
    }

    @Test
    void atRealTimeTheAudioTakesAtLeastItsOwnLengthAndCaptureTimesAdvanceWithIt() throws Exception {
        byte[] audio = pcm(16_000 * 2 / 5); // 200 ms
        List<Long> captures = new ArrayList<>();
        long start = System.nanoTime();
        new RealTimePacer(16_000, 1, 20, 1.0).play(audio, (chunk, captureUs) -> captures.add(captureUs));
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(tookMs)
                .as("the last chunk is due when its last sample would be recorded")
                .isGreaterThanOrEqualTo(200);
        assertThat(captures).hasSize(10).isSorted();
        assertThat(captures.get(9) - captures.get(0))
                .as("180 ms of audio lie between the first and last chunk")
                .isGreaterThanOrEqualTo(180_000);
    }

    @Test
    void stopsWhenAsked() throws Exception {
        List<byte[]> sent = new ArrayList<>();
        new RealTimePacer(16_000, 1, 20, 0)
                .play(pcm(6400), () -> sent.size() >= 3, (chunk, captureUs) -> sent.add(chunk));
        assertThat(sent).hasSize(3);
    }

    @Test
    void aNegativePaceIsRefused() {
        assertThatThrownBy(() -> new RealTimePacer(16_000, 1, 20, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pace");
    }
}
