package dev.voiceconsole.worker;

import dev.voiceconsole.audio.EpochMicros;
import dev.voiceconsole.engine.DecodedWord;
import dev.voiceconsole.proto.v1.ChunkAck;
import dev.voiceconsole.proto.v1.DecodeEvent;
import dev.voiceconsole.proto.v1.ErrorEvent;
import dev.voiceconsole.proto.v1.FinalSegment;
import dev.voiceconsole.proto.v1.PartialTranscript;
import dev.voiceconsole.proto.v1.SequenceGap;
import dev.voiceconsole.proto.v1.SpeechEnded;
import dev.voiceconsole.proto.v1.SpeechStarted;
import dev.voiceconsole.proto.v1.StreamEvent;
import dev.voiceconsole.proto.v1.Timings;
import dev.voiceconsole.proto.v1.Word;
import dev.voiceconsole.worker.policy.PolicyEvent;

/**
 * Builds the wire events of one session: every event names the session and worker and carries the sequence
 * and capture time of the chunk it is about, so a client can measure latency end to end. Being the one place every
 * event is built, it is also where the worker's metrics are recorded.
 */
final class EventStamper {

    private final String sessionId;
    private final String workerId;
    private final WorkerMetrics metrics;

    EventStamper(String sessionId, String workerId, WorkerMetrics metrics) {
        this.sessionId = sessionId;
        this.workerId = workerId;
        this.metrics = metrics;
    }

    /**
     * What the decode behind a batch of policy events cost; {@code none()} when no decode was involved.
     */
    record DecodeContext(long decodeStartNanos, double inferenceMs) {
        static DecodeContext none() {
            return new DecodeContext(Long.MIN_VALUE, 0);
        }

        boolean present() {
            return decodeStartNanos != Long.MIN_VALUE;
        }
    }

    StreamEvent ack(ReceivedChunk chunk, ChunkAck.Result result, long pendingBytes) {
        metrics.chunkAcknowledged(result, chunk.pcm().size());
        return base(chunk, 0, 0)
                .setAck(ChunkAck.newBuilder().setResult(result).setPendingBytes(pendingBytes))
                .build();
    }

    StreamEvent gap(ReceivedChunk chunk, long expected) {
        return base(chunk, 0, 0)
                .setGap(SequenceGap.newBuilder().setExpectedSequence(expected).setReceivedSequence(chunk.sequence()))
                .build();
    }

    StreamEvent error(ReceivedChunk chunk, WorkerException.Reason reason, String message) {
        metrics.errorEvent(reason.name());
        return base(chunk, 0, 0)
                .setError(errorEvent(reason, message, chunk == null ? 0 : chunk.sequence()))
                .build();
    }

    static ErrorEvent errorEvent(WorkerException.Reason reason, String message, long chunkSequence) {
        return ErrorEvent.newBuilder()
                .setCode(reason.code())
                .setCodeName(reason.name())
                .setMessage(message)
                .setChunkSequence(chunkSequence)
                .build();
    }

    /** Maps one policy event; {@code chunk} is the latest chunk fed before it (null before any). */
    StreamEvent policyEvent(PolicyEvent event, ReceivedChunk chunk, DecodeContext decode) {
        double queueWaitMs = 0;
        double inferenceMs = 0;
        boolean decodeDerived = event instanceof PolicyEvent.Decoded
                || event instanceof PolicyEvent.Partial
                || event instanceof PolicyEvent.Final;
        if (decodeDerived && decode.present()) {
            inferenceMs = decode.inferenceMs();
            if (chunk != null) {
                queueWaitMs = Math.max(0, (decode.decodeStartNanos() - chunk.receivedNanos()) / 1e6);
            }
        }
        StreamEvent.Builder b = base(chunk, queueWaitMs, inferenceMs);
        if (event instanceof PolicyEvent.Decoded d) {
            metrics.decoded(
                    chunk != null && decode.present() ? queueWaitMs / 1000 : Double.NaN, d.inferenceMs() / 1000);
        }
        // Java 17: no pattern switch yet, so an instanceof chain over the sealed hierarchy.
        if (event instanceof PolicyEvent.SpeechStarted s) {
            b.setSpeechStarted(SpeechStarted.newBuilder().setStreamTimeS(s.streamTimeS()));
        } else if (event instanceof PolicyEvent.SpeechEnded s) {
            b.setSpeechEnded(SpeechEnded.newBuilder().setStreamTimeS(s.streamTimeS()));
        } else if (event instanceof PolicyEvent.Decoded d) {
            b.setDecode(DecodeEvent.newBuilder()
                    .setAudioStartS(d.audioStartS())
                    .setAudioEndS(d.audioEndS())
                    .setDecodeMs(d.inferenceMs())
                    .setText(d.text())
                    .setFinalDecode(d.finalDecode())
                    .setGuardNote(d.guardNote())
                    .setLanguage(d.language().code())
                    .setLanguageProbability(
                            d.language().detected() ? (float) d.language().probability() : 0f));
        } else if (event instanceof PolicyEvent.Partial p) {
            b.setPartial(PartialTranscript.newBuilder()
                    .setStableText(p.stableText())
                    .setUnstableText(p.unstableText())
                    .setUtteranceId(p.utteranceId()));
        } else if (event instanceof PolicyEvent.Final f) {
            b.setFinal(finalSegment(f));
        } else if (event instanceof PolicyEvent.DecodeFailed f) {
            b.setError(errorEvent(
                    WorkerException.Reason.INTERNAL,
                    "speech recognition failed: " + f.message(),
                    chunk == null ? 0 : chunk.sequence()));
            metrics.errorEvent(WorkerException.Reason.INTERNAL.name());
        }
        StreamEvent built = b.build();
        recordTranscriptLatency(built);
        return built;
    }

    private void recordTranscriptLatency(StreamEvent event) {
        // A client that sets no capture time (0) gives no latency to measure.
        if ((event.hasPartial() || event.hasFinal()) && event.getCaptureTimeUs() > 0) {
            double seconds = (event.getTimings().getEmittedTimeUs() - event.getCaptureTimeUs()) / 1e6;
            metrics.transcriptEmitted(
                    event.hasFinal() ? WorkerMetrics.TranscriptKind.FINAL : WorkerMetrics.TranscriptKind.PARTIAL,
                    seconds);
        }
    }

    static FinalSegment finalSegment(PolicyEvent.Final f) {
        FinalSegment.Builder b = FinalSegment.newBuilder()
                .setSegmentId(f.segmentId())
                .setText(f.text())
                .setStartS(f.startS())
                .setEndS(f.endS())
                .setHasScores(f.hasScores())
                .setUtteranceId(f.utteranceId());
        for (DecodedWord w : f.words()) {
            b.addWords(Word.newBuilder()
                    .setText(w.text())
                    .setStartS(w.startS())
                    .setEndS(w.endS())
                    .setProbability(w.probability()));
        }
        if (f.hasScores()) {
            // NaN is legal on the wire but useless to clients; only real scores are copied.
            b.setAvgLogprob(f.avgLogprob()).setNoSpeechProb(f.noSpeechProb());
        }
        return b.build();
    }

    private StreamEvent.Builder base(ReceivedChunk chunk, double queueWaitMs, double inferenceMs) {
        Timings.Builder timings = Timings.newBuilder()
                .setQueueWaitMs(queueWaitMs)
                .setInferenceMs(inferenceMs)
                .setEmittedTimeUs(EpochMicros.now());
        StreamEvent.Builder b = StreamEvent.newBuilder().setSessionId(sessionId).setWorkerId(workerId);
        if (chunk != null) {
            b.setSequence(chunk.sequence()).setCaptureTimeUs(chunk.captureTimeUs());
            timings.setReceivedTimeUs(chunk.receivedEpochUs());
        }
        return b.setTimings(timings);
    }
}
