package dev.voiceconsole.client;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The audio of one dictation that has been sent but not yet committed as final text, so that it can be played
 * again into a replacement worker. Positions are frames (one sample per channel) since the start of the dictation:
 * integer bookkeeping, so replayed audio lands on exactly the sample where the committed text ended.
 *
 * <p>Bounded by {@code maxBytes}: when new audio does not fit, the oldest audio is dropped and {@link #append}
 * reports what was lost, because a crash after that could no longer be fully repaired. Not thread-safe; its owner
 * guards it.
 */
final class ReplayBuffer {

    /** One chunk as the caller sent it (the head may have lost its front to a commit or an overflow). */
    @SuppressWarnings("ArrayRecordComponent") // PCM resent as is; entries are looked up by sequence
    record Entry(long sequence, long startFrame, byte[] pcm, long captureTimeUs) {
        long frames(int frameBytes) {
            return pcm.length / frameBytes;
        }
    }

    /** Audio dropped because the buffer was full: frames {@code [fromFrame, toFrame)}. */
    record Dropped(long fromFrame, long toFrame) {}

    private final int frameBytes;
    private final int sampleRateHz;
    private final long maxBytes;
    private final TreeMap<Long, Entry> entries = new TreeMap<>(); // by sequence
    private long startFrame;
    private long endFrame;
    private long bytes;

    ReplayBuffer(int sampleRateHz, int channels, long maxBytes) {
        if (sampleRateHz < 1 || channels < 1) {
            throw new IllegalArgumentException(
                    "sample rate and channels must be positive, were " + sampleRateHz + ", " + channels);
        }
        this.frameBytes = 2 * channels;
        this.sampleRateHz = sampleRateHz;
        if (maxBytes < frameBytes) {
            throw new IllegalArgumentException(
                    "replay buffer must hold at least one frame, was " + maxBytes + " bytes");
        }
        this.maxBytes = maxBytes;
    }

    /**
     * Keeps one chunk (it must be a whole number of frames).
     *
     * @return the oldest audio dropped to make room, if any
     */
    Optional<Dropped> append(long sequence, byte[] pcm, long captureTimeUs) {
        if (pcm.length % frameBytes != 0) {
            throw new IllegalArgumentException(
                    "chunk of " + pcm.length + " bytes is not a whole number of " + frameBytes + "-byte frames");
        }
        if (!entries.isEmpty() && sequence <= entries.lastKey()) {
            throw new IllegalArgumentException("chunk sequence " + sequence + " does not follow " + entries.lastKey());
        }
        entries.put(sequence, new Entry(sequence, endFrame, pcm, captureTimeUs));
        endFrame += pcm.length / frameBytes;
        bytes += pcm.length;
        if (bytes <= maxBytes) {
            return Optional.empty();
        }
        long droppedFrom = startFrame;
        dropBefore(startFrame + (bytes - maxBytes + frameBytes - 1) / frameBytes);
        return Optional.of(new Dropped(droppedFrom, startFrame));
    }

    /** The worker committed the audio before {@code frame} as final text: it never needs to be replayed. */
    void commitThrough(long frame) {
        dropBefore(Math.min(frame, endFrame));
    }

    private void dropBefore(long frame) {
        if (frame <= startFrame) {
            return;
        }
        while (!entries.isEmpty()) {
            Entry head = entries.firstEntry().getValue();
            long headEnd = head.startFrame() + head.frames(frameBytes);
            if (headEnd <= frame) {
                entries.pollFirstEntry();
                bytes -= head.pcm().length;
                continue;
            }
            if (head.startFrame() < frame) {
                // Keep only the chunk's uncommitted tail; its capture time moves with its first sample.
                int cut = (int) ((frame - head.startFrame()) * frameBytes);
                long shiftUs = (frame - head.startFrame()) * 1_000_000L / sampleRateHz;
                entries.put(
                        head.sequence(),
                        new Entry(
                                head.sequence(),
                                frame,
                                Arrays.copyOfRange(head.pcm(), cut, head.pcm().length),
                                head.captureTimeUs() + shiftUs));
                bytes -= cut;
            }
            break;
        }
        startFrame = frame;
    }

    /** The first kept entry whose sequence is above {@code sequence} (0 = the head): replay walks with it. */
    Optional<Entry> firstAfter(long sequence) {
        return Optional.ofNullable(entries.higherEntry(sequence)).map(Map.Entry::getValue);
    }

    /** First frame that would be replayed (everything before it is committed or dropped). */
    long startFrame() {
        return startFrame;
    }

    /** Frames appended since the start of the dictation. */
    long endFrame() {
        return endFrame;
    }

    long bytes() {
        return bytes;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    int frameBytes() {
        return frameBytes;
    }

    int sampleRateHz() {
        return sampleRateHz;
    }

    double seconds(long frame) {
        return frame / (double) sampleRateHz;
    }
}
