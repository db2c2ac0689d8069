package dev.voiceconsole.worker;

import com.google.protobuf.ByteString;

/**
 * A chunk as the session received it: its identity for stamping events plus when it arrived (monotonic, for
 * queue-wait measurement, and wall clock, for the wire).
 */
record ReceivedChunk(
        String sessionId,
        long sequence,
        long captureTimeUs,
        ByteString pcm,
        long receivedNanos,
        long receivedEpochUs) {}
