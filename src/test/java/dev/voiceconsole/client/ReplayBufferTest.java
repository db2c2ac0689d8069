package dev.voiceconsole.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The replay buffer alone: frame bookkeeping, trimming on commits, the byte bound. */
class ReplayBufferTest {

    /** A chunk of {@code frames} mono frames whose bytes count up from {@code first}, so cuts are visible. */
    private static byte[] chunk(int frames, int first) {
        byte[] pcm = new byte[frames * 2];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (byte) (first + i);
        }
        return pcm;
    }

    private static List<ReplayBuffer.Entry> entries(ReplayBuffer buffer) {
        List<ReplayBuffer.Entry> all = new ArrayList<>();
        long last = 0;
        for (Optional<ReplayBuffer.Entry> next = buffer.firstAfter(last);
                next.isPresent();
                next = buffer.firstAfter(last)) {
            all.add(next.get());
            last = next.get().sequence();
        }
        return all;
    }

    @Test
    void keepsEveryChunkWithItsStartFrame() {
        ReplayBuffer buffer = new ReplayBuffer(16_000, 1, 1 << 20);
        assertThat(buffer.append(1, chunk(160, 0), 1_000)).isEmpty();
        assertThat(buffer.append(2, chunk(160, 7), 11_000)).isEmpty();
        assertThat(buffer.append(3, chunk(80, 9), 21_000)).isEmpty();

        assertThat(buffer.startFrame()).isZero();
        assertThat(buffer.endFrame()).isEqualTo(400);
        assertThat(buffer.bytes()).isEqualTo(800);
        assertThat(entries(buffer))
                .extracting(ReplayBuffer.Entry::sequence, ReplayBuffer.Entry::startFrame)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, 0L),
                        org.assertj.core.groups.Tuple.tuple(2L, 160L),
                        org.assertj.core.groups.Tuple.tuple(3L, 320L));
    }

    @Test
    void aCommitInsideAChunkKeepsExactlyItsUncommittedTail() {
        ReplayBuffer buffer = new ReplayBuffer(16_000, 1, 1 << 20);
        buffer.append(1, chunk(160, 0), 1_000);
        byte[] second = chunk(160, 50);
        buffer.append(2, second, 11_000);

        buffer.commitThrough(240); // 80 frames (5 ms) into chunk 2

        assertThat(buffer.startFrame()).isEqualTo(240);
        assertThat(buffer.bytes()).isEqualTo(160);
        ReplayBuffer.Entry head = buffer.firstAfter(0).orElseThrow();
        assertThat(head.sequence()).isEqualTo(2);
        assertThat(head.startFrame()).isEqualTo(240);
        assertThat(head.pcm()).isEqualTo(Arrays.copyOfRange(second, 160, 320));
        assertThat(head.captureTimeUs()).isEqualTo(11_000 + 5_000);
    }

    @Test
    void commitsNeverMoveBackAndStopAtTheEnd() {
        ReplayBuffer buffer = new ReplayBuffer(16_000, 1, 1 << 20);
        buffer.append(1, chunk(160, 0), 0);
        buffer.commitThrough(100);
        buffer.commitThrough(50);
        assertThat(buffer.startFrame()).isEqualTo(100);

        buffer.commitThrough(10_000);
        assertThat(buffer.startFrame()).isEqualTo(160);
        assertThat(buffer.isEmpty()).isTrue();
        assertThat(buffer.bytes()).isZero();

        buffer.append(2, chunk(10, 0), 0);
        assertThat(buffer.firstAfter(0).orElseThrow().startFrame()).isEqualTo(160);
    }

    @Test
    void overflowDropsTheOldestAudioAndSaysWhich() {
        ReplayBuffer buffer = new ReplayBuffer(16_000, 1, 1_000);
        buffer.append(1, chunk(160, 0), 0);
        buffer.append(2, chunk(160, 0), 0);
        buffer.append(3, chunk(160, 0), 0);

        Optional<ReplayBuffer.Dropped> dropped = buffer.append(4, chunk(160, 0), 0); // 1280 bytes > 1000

        assertThat(dropped).contains(new ReplayBuffer.Dropped(0, 140));
        assertThat(buffer.bytes()).isEqualTo(1_000);
        assertThat(buffer.startFrame()).isEqualTo(140);
        assertThat(entries(buffer)).extracting(ReplayBuffer.Entry::sequence).containsExactly(1L, 2L, 3L, 4L);
        assertThat(buffer.firstAfter(0).orElseThrow().pcm()).hasSize(40);
    }

    @Test
    void stereoCountsFramesNotSamples() {
        ReplayBuffer buffer = new ReplayBuffer(48_000, 2, 1 << 20);
        buffer.append(1, new byte[4 * 480], 0);
        assertThat(buffer.endFrame()).isEqualTo(480);
        assertThat(buffer.seconds(buffer.endFrame())).isEqualTo(0.01);
        assertThatThrownBy(() -> buffer.append(2, new byte[6], 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a whole number of 4-byte frames");
        assertThatThrownBy(() -> buffer.append(1, new byte[4], 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not follow");
    }

    @Test
    void theBoundFollowsTheReplayDuration() {
        RecoverySettings settings = RecoverySettings.defaults();
        assertThat(settings.maxReplayBytes(16_000, 1)).isEqualTo(120L * 16_000 * 2);
        assertThat(settings.maxReplayBytes(48_000, 2)).isEqualTo(120L * 48_000 * 4);
    }
}
