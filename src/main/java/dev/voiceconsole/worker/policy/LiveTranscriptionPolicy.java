package dev.voiceconsole.worker.policy;

import dev.voiceconsole.engine.DecodedSegment;
import dev.voiceconsole.engine.SpeechEngine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Streaming transcription with LocalAgreement-2. While the speaker talks, every {@code stepMs} of new audio the
 * whole current utterance is decoded again; words on which two consecutive hypotheses agree become committed
 * (stable) and are never taken back. When speech ends (or the utterance reaches {@code maxUtteranceMs}) one last
 * decode of the exact utterance finalizes it.
 *
 * <p>Decodes happen only in {@link #decodeIfDue} / {@link #flush}, at most one per {@code decodeIfDue} call, and
 * always over the newest audio: however many steps arrived since the last decode, one decode covers them all.
 */
public final class LiveTranscriptionPolicy implements TranscriptionPolicy {

    private final SpeechEngine engine;
    private final UtteranceTracker tracker;
    private final DecodeContext context;
    private final long stepSamples;
    private final Map<Integer, LiveUtterance> utterances = new HashMap<>();
    private final RecentText sessionText = new RecentText();
    private int nextSegmentId = 1;

    public LiveTranscriptionPolicy(PolicySettings settings, SpeechEngine engine, SpeechDetector detector) {
        this.engine = engine;
        this.context = new DecodeContext(settings);
        this.stepSamples = UtteranceTracker.msToSamples(settings.commit().stepMs());
        this.tracker = new UtteranceTracker(
                detector,
                settings.vad(),
                UtteranceTracker.msToSamples(settings.commit().maxUtteranceMs()),
                SplitPointChooser.atCap());
    }

    @Override
    public List<PolicyEvent> feed(float[] samples) {
        return tracker.feed(samples);
    }

    @Override
    public List<PolicyEvent> decodeIfDue() {
        // Finishing ended utterances comes first: their text is what the user waits for.
        Utterance ended;
        while ((ended = tracker.nextClosed()) != null) {
            tracker.completeClosed();
            LiveUtterance state = utterances.remove(ended.id());
            if (!ended.isEmpty()) {
                return finalizeUtterance(ended, state);
            }
            if (state != null && state.published()) {
                // Speech ended before this utterance really began; withdraw its live text.
                return List.of(new PolicyEvent.Partial(ended.id(), "", ""));
            }
        }
        if (tracker.hasOpen()) {
            LiveUtterance state =
                    utterances.computeIfAbsent(tracker.openId(), id -> new LiveUtterance(id, tracker.openStart()));
            if (tracker.position() - state.decodedUpTo >= stepSamples) {
                return decodePartial(state, tracker.position());
            }
        }
        return List.of();
    }

    @Override
    public List<PolicyEvent> flush() {
        return tracker.finishStream(this::decodeIfDue);
    }

    @Override
    public long samplesFed() {
        return tracker.position();
    }

    @Override
    public long heldSamples() {
        return tracker.heldSamples();
    }

    @Override
    public long heldBytes() {
        return tracker.heldBytes();
    }

    private List<PolicyEvent> decodePartial(LiveUtterance state, long end) {
        state.decodedUpTo = end;
        List<PolicyEvent> events = new ArrayList<>();
        List<DecodedSegment> segments = decode(state.start, end, false, events);
        if (segments == null) {
            return events;
        }
        List<String> hypothesis = Words.split(DecodeContext.text(segments));
        if (state.previous != null) {
            state.committed.addAll(LocalAgreement.commit(
                    LocalAgreement.remainderAfter(state.committed, state.previous),
                    LocalAgreement.remainderAfter(state.committed, hypothesis),
                    0));
        }
        state.previous = hypothesis;
        String stable = Words.join(state.committed);
        String unstable = Words.join(LocalAgreement.remainderAfter(state.committed, hypothesis));
        if (!stable.equals(state.lastStable) || !unstable.equals(state.lastUnstable)) {
            state.lastStable = stable;
            state.lastUnstable = unstable;
            events.add(new PolicyEvent.Partial(state.id, stable, unstable));
        }
        return events;
    }

    private List<PolicyEvent> finalizeUtterance(Utterance u, LiveUtterance known) {
        LiveUtterance state = known != null ? known : new LiveUtterance(u.id(), u.startSample());
        List<PolicyEvent> events = new ArrayList<>();
        List<DecodedSegment> segments = decode(u.startSample(), u.endSample(), true, events);
        List<String> words = new ArrayList<>(state.committed);
        if (segments == null) {
            // The final decode failed: what was committed was promised to the user, so it still becomes final.
            segments = List.of();
        } else {
            words.addAll(LocalAgreement.remainderAfter(state.committed, Words.split(DecodeContext.text(segments))));
        }
        if (!words.isEmpty()) {
            String text = Words.join(words);
            events.add(DecodeContext.finalEvent(nextSegmentId++, u, text, segments));
            sessionText.append(text);
        }
        return events;
    }

    /**
     * Prompted with the text of the utterances before this one: the utterance's own committed words are in the audio
     * decoded (always from its start), so whisper must not be told they were said before it.
     */
    private List<DecodedSegment> decode(long from, long to, boolean finalDecode, List<PolicyEvent> events) {
        return context.decode(engine, tracker, from, to, sessionText.text(), finalDecode, events);
    }

    /** Live state of one utterance. */
    private static final class LiveUtterance {
        final int id;
        final long start;
        final List<String> committed = new ArrayList<>();
        List<String> previous;
        long decodedUpTo;
        String lastStable = "";
        String lastUnstable = "";

        LiveUtterance(int id, long start) {
            this.id = id;
            this.start = start;
            this.decodedUpTo = start;
        }

        boolean published() {
            return !lastStable.isEmpty() || !lastUnstable.isEmpty();
        }
    }
}
