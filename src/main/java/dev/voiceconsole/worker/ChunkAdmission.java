package dev.voiceconsole.worker;

import java.util.OptionalLong;

/**
 * What becomes of each chunk that arrives on a session's stream: its sequence number against those already taken
 * (unsigned, as on the wire), its shape against the session's format and limits, and the order kept under
 * back-pressure (after a chunk is rejected for room, later ones wait until it is resent). Pure bookkeeping: the
 * session calls it under its lock and turns each {@link Decision} into acks, errors and queued audio.
 */
final class ChunkAdmission {

    /** The verdict on one chunk. */
    sealed interface Decision permits Accepted, Consumed, Rejected, Duplicate {}

    /** Queue its audio; {@code missingFrom} is the first sequence number skipped before it, if any. */
    record Accepted(OptionalLong missingFrom) implements Decision {}

    /** Invalid for good: resending cannot help, so it is used up and its successors need not wait for it. */
    record Consumed(String problem, OptionalLong missingFrom) implements Decision {}

    /** Not taken now; a resend may be ({@code reason} says which: no room, or out of order behind a rejected one). */
    record Rejected(WorkerException.Reason reason, String message) implements Decision {}

    /** Already taken: acknowledged again, its audio dropped. */
    record Duplicate() implements Decision {}

    private final String sessionId;
    private final int frameBytes;
    private final int maxChunkBytes;
    private final long maxPendingBytes;
    private long highestTaken;
    /** The lowest chunk rejected for room and not yet resent; later chunks wait for it (0 = none). */
    private long blockedAt;

    ChunkAdmission(String sessionId, int channels, int maxChunkBytes, long maxPendingBytes) {
        this.sessionId = sessionId;
        this.frameBytes = 2 * channels;
        this.maxChunkBytes = maxChunkBytes;
        this.maxPendingBytes = maxPendingBytes;
    }

    /**
     * @param namedSession the session id the chunk names (empty: the stream's own)
     * @param pendingBytes audio the session already holds waiting to be processed
     */
    Decision admit(long sequence, String namedSession, int bytes, long pendingBytes) {
        String seq = Long.toUnsignedString(sequence);
        if (sequence == 0) {
            return new Rejected(WorkerException.Reason.INVALID_ARGUMENT, "chunk sequence numbers start at 1, got 0");
        }
        if (Long.compareUnsigned(sequence, highestTaken) <= 0) {
            return new Duplicate();
        }
        if (blockedAt != 0 && Long.compareUnsigned(sequence, blockedAt) > 0) {
            // Accepting it would reorder audio: the client must resend the rejected chunk first.
            return new Rejected(
                    WorkerException.Reason.RESOURCE_EXHAUSTED,
                    "chunk " + seq + " rejected: waiting for the resend of rejected chunk "
                            + Long.toUnsignedString(blockedAt));
        }
        String problem = problem(seq, namedSession, bytes);
        if (problem != null) {
            return new Consumed(problem, take(sequence));
        }
        if (pendingBytes + bytes > maxPendingBytes) {
            if (blockedAt == 0) {
                blockedAt = sequence;
            }
            return new Rejected(
                    WorkerException.Reason.RESOURCE_EXHAUSTED,
                    "chunk " + seq + " rejected: " + pendingBytes
                            + " bytes of audio are still waiting to be processed (limit " + maxPendingBytes
                            + "); resend it later");
        }
        return new Accepted(take(sequence));
    }

    /** The highest sequence number taken (accepted or consumed); 0 before the first. */
    long highestTaken() {
        return highestTaken;
    }

    private OptionalLong take(long sequence) {
        long expected = highestTaken + 1;
        highestTaken = sequence;
        blockedAt = 0;
        return Long.compareUnsigned(sequence, expected) > 0 ? OptionalLong.of(expected) : OptionalLong.empty();
    }

    private String problem(String seq, String namedSession, int bytes) {
        if (!namedSession.isEmpty() && !namedSession.equals(sessionId)) {
            return "chunk " + seq + " names session " + namedSession + " but this stream belongs to " + sessionId;
        }
        if (bytes == 0) {
            return "chunk " + seq + " is empty";
        }
        if (bytes > maxChunkBytes) {
            return "chunk " + seq + " is too large: " + bytes + " bytes, the limit is " + maxChunkBytes;
        }
        if (bytes % frameBytes != 0) {
            return "chunk " + seq + " has an odd byte count: " + bytes + " bytes is not a multiple of " + frameBytes
                    + " (16-bit samples x " + frameBytes / 2 + " channel(s))";
        }
        return null;
    }
}
