package dev.voiceconsole.worker.policy;

import java.util.Arrays;

/**
 * The recent part of the stream, addressed by absolute sample position. Keeps only what a pending or
 * possible utterance can still need, so memory stays bounded however long the session runs.
 */
final class AudioHistory {

    private static final int INITIAL_CAPACITY = 16_000 * 4;

    private float[] buffer = new float[INITIAL_CAPACITY];
    /** Index in {@code buffer} of the oldest kept sample. */
    private int head;

    private int length;
    /** Absolute position of the oldest kept sample. */
    private long firstPosition;

    void append(float[] samples) {
        ensureRoom(samples.length);
        System.arraycopy(samples, 0, buffer, head + length, samples.length);
        length += samples.length;
    }

    long firstPosition() {
        return firstPosition;
    }

    /** Absolute position just after the newest sample (= samples fed so far). */
    long endPosition() {
        return firstPosition + length;
    }

    /** Heap taken by the buffer (not only by the kept samples). */
    long capacityBytes() {
        return (long) buffer.length * Float.BYTES;
    }

    /** Forgets everything before {@code position} (ignored if already forgotten). */
    void discardBefore(long position) {
        long drop = Math.min(position, endPosition()) - firstPosition;
        if (drop > 0) {
            head += (int) drop;
            length -= (int) drop;
            firstPosition += drop;
        }
    }

    /** A copy of {@code [from, to)}, clamped to what is kept. */
    float[] copy(long from, long to) {
        long start = Math.max(from, firstPosition);
        long end = Math.min(to, endPosition());
        if (end <= start) {
            return new float[0];
        }
        int offset = head + (int) (start - firstPosition);
        return Arrays.copyOfRange(buffer, offset, offset + (int) (end - start));
    }

    /** Mean square of {@code [from, to)}, clamped to what is kept. */
    double meanSquare(long from, long to) {
        long start = Math.max(from, firstPosition);
        long end = Math.min(to, endPosition());
        if (end <= start) {
            return 0;
        }
        int offset = head + (int) (start - firstPosition);
        double sum = 0;
        for (int i = 0; i < end - start; i++) {
            float s = buffer[offset + i];
            sum += s * s;
        }
        return sum / (end - start);
    }

    private void ensureRoom(int extra) {
        if (head + length + extra <= buffer.length) {
            return;
        }
        int needed = length + extra;
        int capacity = buffer.length;
        if (needed > capacity / 2) {
            capacity = Math.max(capacity * 2, needed * 2);
        } else {
            // Give back what a backlog (a file fed faster than it decodes) grew, so the heap follows the audio kept.
            while (capacity > INITIAL_CAPACITY && needed <= capacity / 4) {
                capacity /= 2;
            }
        }
        float[] target = capacity == buffer.length ? buffer : new float[capacity];
        System.arraycopy(buffer, head, target, 0, length);
        buffer = target;
        head = 0;
    }
}
