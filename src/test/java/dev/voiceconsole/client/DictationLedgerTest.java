package dev.voiceconsole.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceconsole.proto.v1.FinalSegment;
import dev.voiceconsole.proto.v1.PartialTranscript;
import dev.voiceconsole.proto.v1.SpeechStarted;
import dev.voiceconsole.proto.v1.StreamEvent;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The exactly-once bookkeeping of a dictation across workers, with no transport in the way. */
class DictationLedgerTest {

    private static final int RATE = 16_000;
    private static final byte[] ONE_SECOND = new byte[2 * RATE];

    private final DictationLedger ledger = new DictationLedger(RATE, 1, 60L * 2 * RATE);

    private static StreamEvent finalText(String text, double startS, double endS, int utterance) {
        return StreamEvent.newBuilder()
                .setFinal(FinalSegment.newBuilder()
                        .setText(text)
                        .setStartS(startS)
                        .setEndS(endS)
                        .setUtteranceId(utterance))
                .build();
    }

    private static StreamEvent partial(String text, int utterance) {
        return StreamEvent.newBuilder()
                .setPartial(PartialTranscript.newBuilder().setUnstableText(text).setUtteranceId(utterance))
                .build();
    }

    /** Hands the caller's chunk to a worker, as the session does: the worker numbers its own chunks and time. */
    private DictationLedger.Appended sendTo(ReplayMapping worker) {
        DictationLedger.Appended kept = ledger.append(ONE_SECOND, 0);
        worker.sent(kept.sequence(), kept.startFrame(), kept.frames());
        return kept;
    }

    @Test
    void chunksAreNumberedFromOneAndPlacedEndToEnd() {
        ReplayMapping worker = ledger.newWorker();
        DictationLedger.Appended first = sendTo(worker);
        DictationLedger.Appended second = sendTo(worker);

        assertThat(first.sequence()).isEqualTo(1);
        assertThat(second.sequence()).isEqualTo(2);
        assertThat(second.startFrame()).isEqualTo(RATE);
        assertThat(ledger.lastSequence()).isEqualTo(2);
        assertThat(ledger.replayBytes()).isEqualTo(2L * ONE_SECOND.length);
    }

    @Test
    void aReplacementWorkerCannotDeliverCommittedTextTwiceAndContinuesTheNumbering() {
        ReplayMapping lost = ledger.newWorker();
        sendTo(lost);
        sendTo(lost);
        assertThat(ledger.toCaller(finalText("alpha", 0.2, 1.0, 1), lost, "a")).isPresent();
        assertThat(ledger.replayBytes())
                .as("the committed second is no longer kept")
                .isEqualTo(ONE_SECOND.length);

        // The replacement hears the uncommitted second first (at its own time 0), then live audio.
        ReplayMapping next = ledger.newWorker();
        ReplayBuffer.Entry replayed = ledger.uncommittedAfter(0).orElseThrow();
        next.sent(replayed.sequence(), replayed.startFrame(), ledger.frames(replayed));
        sendTo(next);

        assertThat(ledger.toCaller(finalText("alpha", 0.0, 0.0, 1), next, "b"))
                .as("a final ending inside committed audio would duplicate text")
                .isEmpty();
        StreamEvent bravo =
                ledger.toCaller(finalText("bravo", 0.1, 1.5, 1), next, "b").orElseThrow();

        assertThat(bravo.getFinal().getSegmentId()).isEqualTo(2);
        assertThat(bravo.getFinal().getUtteranceId())
                .as("ids unique across workers")
                .isEqualTo(2);
        assertThat(bravo.getFinal().getStartS()).isEqualTo(1.1);
        assertThat(bravo.getFinal().getEndS()).isEqualTo(2.5);
        assertThat(ledger.finals()).extracting(FinalSegment::getText).containsExactly("alpha", "bravo");
    }

    @Test
    void theLiveTextOfAnUnfinishedUtteranceIsWithdrawnOnceAndAFinishedOneNever() {
        ReplayMapping worker = ledger.newWorker();
        sendTo(worker);
        ledger.toCaller(partial("alp", 1), worker, "a");

        Optional<StreamEvent> withdrawal = ledger.withdrawOpenPartial("s1", "a");
        assertThat(withdrawal).hasValueSatisfying(e -> {
            assertThat(e.getPartial().getUtteranceId()).isEqualTo(1);
            assertThat(e.getPartial().getUnstableText()).isEmpty();
            assertThat(e.getWorkerId()).isEqualTo("a");
        });
        assertThat(ledger.withdrawOpenPartial("s1", "a")).isEmpty();

        ledger.toCaller(partial("bra", 2), worker, "a");
        ledger.toCaller(finalText("bravo", 0.1, 0.9, 2), worker, "a");
        assertThat(ledger.withdrawOpenPartial("s1", "a")).isEmpty();
    }

    @Test
    void anOverflowIsReportedFirstOncePerStretchWithoutFinalTextAndSaysWhetherSpeechWasLost() {
        DictationLedger small = new DictationLedger(RATE, 1, 2L * ONE_SECOND.length);
        ReplayMapping worker = small.newWorker();
        small.append(ONE_SECOND, 0);
        small.append(ONE_SECOND, 0);
        small.toCaller(
                StreamEvent.newBuilder()
                        .setSpeechStarted(SpeechStarted.getDefaultInstance())
                        .build(),
                worker,
                "a");

        DictationLedger.Appended third = small.append(ONE_SECOND, 0);
        DictationLedger.Appended fourth = small.append(ONE_SECOND, 0);

        assertThat(third.overflow()).hasValueSatisfying(o -> {
            assertThat(o.droppedFromS()).isEqualTo(0.0);
            assertThat(o.speechPossiblyLost()).isTrue();
        });
        assertThat(third.firstOverflow()).isTrue();
        assertThat(fourth.overflow()).isPresent();
        assertThat(fourth.firstOverflow()).as("said once per stretch").isFalse();
    }
}
