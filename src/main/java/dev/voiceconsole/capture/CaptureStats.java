package dev.voiceconsole.capture;

/**
 * Counters of one capture, for the UI's status line and for tests.
 *
 * @param blocksCaptured blocks read from the device
 * @param blocksDelivered blocks handed to the listener
 * @param blocksDropped  blocks discarded because the hand-off queue was full (the listener fell behind)
 * @param lineOverruns   reads after which the device's own buffer was (nearly) full, i.e. the reader thread itself
 *                       was late and the driver may have discarded audio
 * @param queuedBlocks   blocks waiting for the listener right now
 */
public record CaptureStats(
        long blocksCaptured, long blocksDelivered, long blocksDropped, long lineOverruns, int queuedBlocks) {}
