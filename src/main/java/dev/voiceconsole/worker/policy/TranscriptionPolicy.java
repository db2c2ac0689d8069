package dev.voiceconsole.worker.policy;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Turns a session's audio into transcript events. Not thread-safe: one session thread drives it.
 * The session calls {@link #feed} for every chunk it drains, then {@link #decodeIfDue} once, so a
 * decode always sees the newest audio and stale updates are skipped rather than queued.
 */
public interface TranscriptionPolicy {

    /** Appends 16 kHz mono audio; returns the VAD transitions it caused (no decoding here). */
    List<PolicyEvent> feed(float[] samples);

    /** Runs at most one decode if one is due; returns its events, or nothing when none was due. */
    List<PolicyEvent> decodeIfDue();

    /** End of audio: finalizes everything still pending (may decode). */
    List<PolicyEvent> flush();

    /**
     * {@link #flush()} for a session that may be released meanwhile: a policy with several decodes left checks
     * {@code abandoned} before each and stops when it says so, leaving the rest undecoded.
     */
    default List<PolicyEvent> flush(BooleanSupplier abandoned) {
        return flush();
    }

    /** Samples fed so far (stream time = samples / 16000). */
    long samplesFed();

    /**
     * Audio the policy still keeps in memory, in samples: what its pending decodes and a possible utterance need.
     * The session stops feeding while this is over its bound and a decode can shrink it.
     */
    long heldSamples();

    /** Heap the policy's audio takes now, in bytes (its buffer, which can be larger than what it holds). */
    long heldBytes();
}
