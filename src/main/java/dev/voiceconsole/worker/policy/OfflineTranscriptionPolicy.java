package dev.voiceconsole.worker.policy;

import dev.voiceconsole.engine.DecodedSegment;
import dev.voiceconsole.engine.SpeechEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Batch transcription: detected utterances are packed into decode windows and every window is decoded exactly once,
 * after its last utterance ended. Speech longer than whisper's 30-s window is cut into windows, each cut placed in
 * the quietest 200 ms of the last 5 s before the window's end so it falls between words. No audio is ever decoded
 * twice; there are no partials. Each segment whisper finds in a window becomes a final, timed where its words were heard.
 *
 * <p>Why pack: the engine sizes whisper's encoder to the audio and adds a fixed 1.28-s margin (plus rounding) to
 * every decode, and the decoder starts afresh each time. Decoding each utterance on its own therefore cost about
 * 1.5x one whisper call over the whole file; one window over several utterances pays the margin once, and whisper
 * hears the neighbouring sentences as context. A pause longer than {@value #MAX_PAUSE_IN_WINDOW_MS} ms costs more
 * encoder time than a separate decode's margin, so it ends the window and stays undecoded.
 */
public final class OfflineTranscriptionPolicy implements TranscriptionPolicy {

    static final int WINDOW_MS = 30_000;
    static final int QUIET_WINDOW_MS = 200;
    static final int SPLIT_SEARCH_MS = 5_000;
    static final int SPLIT_HOP_MS = 10;
    /** Silence between two utterances that still lets them share a decode window. */
    static final int MAX_PAUSE_IN_WINDOW_MS = 1_500;

    private final SpeechEngine engine;
    private final UtteranceTracker tracker;
    private final DecodeContext context;
    private final RecentText sessionText = new RecentText();
    private final long windowSamples = UtteranceTracker.msToSamples(WINDOW_MS);
    private final long maxPauseSamples = UtteranceTracker.msToSamples(MAX_PAUSE_IN_WINDOW_MS);
    private int nextSegmentId = 1;

    public OfflineTranscriptionPolicy(PolicySettings settings, SpeechEngine engine, SpeechDetector detector) {
        this.engine = engine;
        this.context = new DecodeContext(settings);
        SplitPointChooser quietSplit = new QuietestWindowSplit(
                (int) UtteranceTracker.msToSamples(QUIET_WINDOW_MS),
                (int) UtteranceTracker.msToSamples(SPLIT_SEARCH_MS),
                (int) UtteranceTracker.msToSamples(SPLIT_HOP_MS));
        this.tracker = new UtteranceTracker(detector, settings.vad(), windowSamples, quietSplit);
    }

    @Override
    public List<PolicyEvent> feed(float[] samples) {
        return tracker.feed(samples);
    }

    @Override
    public List<PolicyEvent> decodeIfDue() {
        return decodeNextWindow(false);
    }

    @Override
    public List<PolicyEvent> flush() {
        return flush(() -> false);
    }

    /** Decodes the remaining windows one by one, checking before each whether the session still wants them. */
    @Override
    public List<PolicyEvent> flush(BooleanSupplier abandoned) {
        List<PolicyEvent> events = new ArrayList<>(tracker.closeAtEndOfStream());
        while (tracker.nextClosed() != null && !abandoned.getAsBoolean()) {
            events.addAll(decodeNextWindow(true));
        }
        return events;
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

    /** Decodes the oldest window once no later speech can join it (or the stream ended); empty when not yet. */
    private List<PolicyEvent> decodeNextWindow(boolean endOfStream) {
        List<Utterance> window = new ArrayList<>();
        boolean complete = endOfStream;
        for (Utterance u : tracker.closedUtterances()) {
            if (u.isEmpty() && window.isEmpty()) {
                tracker.completeClosed();
                continue;
            }
            if (u.isEmpty()) {
                continue;
            }
            if (!window.isEmpty() && !fits(window, u.startSample(), u.endSample())) {
                complete = true;
                break;
            }
            window.add(u);
        }
        if (window.isEmpty() || !(complete || noLaterSpeechCanJoin(window))) {
            return List.of();
        }
        Utterance last = window.get(window.size() - 1);
        while (tracker.nextClosed() != null && tracker.nextClosed().startSample() <= last.startSample()) {
            tracker.completeClosed();
        }
        return decodeOnce(window.get(0), last);
    }

    private boolean fits(List<Utterance> window, long start, long end) {
        Utterance first = window.get(0);
        Utterance last = window.get(window.size() - 1);
        return start - last.endSample() <= maxPauseSamples && end - first.startSample() <= windowSamples;
    }

    /**
     * The open utterance, or one the detector has yet to confirm (it may start up to the tracker's look-back before
     * the current position), could still join the window while it starts within the pause limit.
     */
    private boolean noLaterSpeechCanJoin(List<Utterance> window) {
        long windowEnd = window.get(window.size() - 1).endSample();
        if (tracker.hasOpen()) {
            long openStart = tracker.openStart();
            return openStart - windowEnd > maxPauseSamples
                    || tracker.position() - window.get(0).startSample() > windowSamples;
        }
        return tracker.position() - tracker.startLookbackSamples() - windowEnd > maxPauseSamples;
    }

    /** One decode of the window; a final for each segment whisper found in it, so each sentence is its own cue. */
    private List<PolicyEvent> decodeOnce(Utterance first, Utterance last) {
        List<PolicyEvent> events = new ArrayList<>();
        List<DecodedSegment> kept = context.decode(
                engine, tracker, first.startSample(), last.endSample(), sessionText.text(), true, events);
        if (kept == null) {
            return events;
        }
        Utterance window = new Utterance(first.id(), first.startSample(), last.endSample());
        for (DecodedSegment segment : kept) {
            String text = DecodeContext.text(List.of(segment));
            if (!text.isEmpty()) {
                events.add(DecodeContext.finalEvent(nextSegmentId++, window, text, List.of(segment)));
                sessionText.append(text);
            }
        }
        return events;
    }
}
