package dev.voiceconsole.capture;

/**
 * One chunk of captured audio with its level, ready for the level meter and the worker stream.
 *
 * @param pcm16le           mono signed 16-bit little-endian samples; owned by the block, never reused
 * @param sampleRate        16000 or 48000
 * @param sequence          1 for the first block read from the device, +1 per block read; a block dropped because
 *                          the consumer fell behind leaves a gap
 * @param captureTimeMicros epoch microseconds at which the first sample was captured, derived from the number of
 *                          frames read since the start (so consecutive blocks differ by exactly their duration)
 * @param rmsDbfs           RMS level relative to a full-scale square wave (a full-scale sine is -3 dBFS);
 *                          {@link PcmLevels#FLOOR_DBFS} for digital silence
 * @param peakDbfs          largest absolute sample relative to full scale
 */
@SuppressWarnings("ArrayRecordComponent") // each block owns a fresh PCM byte[], handed on uncopied; never compared
public record AudioBlock(
        byte[] pcm16le, int sampleRate, long sequence, long captureTimeMicros, float rmsDbfs, float peakDbfs) {

    public AudioBlock {
        if (pcm16le.length % 2 != 0) {
            throw new IllegalArgumentException("PCM16 mono block must have an even byte count, was " + pcm16le.length);
        }
    }

    public int frames() {
        return pcm16le.length / 2;
    }

    public long durationMicros() {
        return frames() * 1_000_000L / sampleRate;
    }
}
