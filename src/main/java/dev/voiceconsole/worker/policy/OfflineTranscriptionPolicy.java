package dev.voiceconsole.worker.policy;

import dev.voiceconsole.engine.DecodedSegment;
import dev.voiceconsole.engine.SpeechEngine;

import java.util.ArrayList;
import java.util.List;

/**
 * Batch transcription: every detected utterance is decoded exactly once, after it ended. Speech longer than
 * whisper's 30-s window is cut into windows, each cut placed in the quietest 200 ms of the last 5 s before the
 * window's end so it falls between words. No audio is ever decoded twice; there are no partials.
 */
public final class OfflineTranscriptionPolicy implements TranscriptionPolicy {

    static final int WINDOW_MS = 30_000;
    static final int QUIET_WINDOW_MS = 200;
    static final int SPLIT_SEARCH_MS = 5_000;
    static final int SPLIT_HOP_MS = 10;

    private final SpeechEngine engine;
    private final UtteranceTracker tracker;
    private final DecodeContext context;
    private final RecentText sessionText = new RecentText();
    private int nextSegmentId = 1;

    public OfflineTranscriptionPolicy(PolicySettings settings, SpeechEngine engine, SpeechDetector detector) {
        this.engine = engine;
        this.context = new DecodeContext(settings);
        SplitPointChooser quietSplit = new QuietestWindowSplit(
                (int) UtteranceTracker.msToSamples(QUIET_WINDOW_MS),
                (int) UtteranceTracker.msToSamples(SPLIT_SEARCH_MS),
                (int) UtteranceTracker.msToSamples(SPLIT_HOP_MS));
        this.tracker = new UtteranceTracker(detector, settings.vad(), UtteranceTracker.msToSamples(WINDOW_MS), quietSplit);
    }

    @Override
    public List<PolicyEvent> feed(float[] samples) {
        return tracker.feed(samples);
    }

    @Override
    public List<PolicyEvent> decodeIfDue() {
        Utterance u;
        while ((u = tracker.nextClosed()) != null) {
            tracker.completeClosed();
            if (!u.isEmpty()) {
                return decodeOnce(u);
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

    private List<PolicyEvent> decodeOnce(Utterance u) {
        List<PolicyEvent> events = new ArrayList<>(2);
        List<DecodedSegment> kept = context.decode(engine, tracker, u.startSample(), u.endSample(), sessionText.text(),
                true, events);
        String text = kept == null ? "" : DecodeContext.text(kept);
        if (!text.isEmpty()) {
            events.add(DecodeContext.finalEvent(nextSegmentId++, u, text, kept));
            sessionText.append(text);
        }
        return events;
    }
}
