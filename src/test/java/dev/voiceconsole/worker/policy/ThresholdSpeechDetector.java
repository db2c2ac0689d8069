package dev.voiceconsole.worker.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Deterministic test detector: 10-ms frames whose RMS exceeds a fixed level (-60 dBFS + threshold dB) are speech.
 * START after {@code minSpeechMs} of speech frames at onset minus pre-roll; END once {@code hangoverMs} of
 * silence passed, at the end of the last speech frame plus a 50-ms tail — the positions VadTransition documents.
 */
final class ThresholdSpeechDetector implements SpeechDetector {

    private static final int FRAME = 160;
    private static final int TAIL = 800;

    private final double threshold;
    private final int preRoll;
    private final int minSpeechFrames;
    private final int hangoverFrames;
    private final float[] frame = new float[FRAME];
    private int filled;
    private long frameIndex;
    private boolean inSpeech;
    private int speechRun;
    private long onsetFrame;
    private int silenceRun;
    private long lastSpeechEnd;

    ThresholdSpeechDetector(VadSettings settings) {
        this.threshold = Math.pow(10, (-60 + settings.energyThresholdDb()) / 20.0);
        this.preRoll = settings.preRollMs() * 16;
        this.minSpeechFrames = Math.max(1, settings.minSpeechMs() / 10);
        this.hangoverFrames = Math.max(1, settings.hangoverMs() / 10);
    }

    @Override
    public List<VadTransition> process(float[] samples) {
        List<VadTransition> out = new ArrayList<>();
        for (float s : samples) {
            frame[filled++] = s;
            if (filled == FRAME) {
                onFrame(out);
                filled = 0;
                frameIndex++;
            }
        }
        return out;
    }

    private void onFrame(List<VadTransition> out) {
        double sum = 0;
        for (float s : frame) {
            sum += s * s;
        }
        boolean speech = Math.sqrt(sum / FRAME) > threshold;
        long frameEnd = (frameIndex + 1) * FRAME;
        if (!inSpeech) {
            if (!speech) {
                speechRun = 0;
                return;
            }
            if (speechRun++ == 0) {
                onsetFrame = frameIndex;
            }
            if (speechRun >= minSpeechFrames) {
                inSpeech = true;
                silenceRun = 0;
                lastSpeechEnd = frameEnd;
                out.add(new VadTransition(VadTransition.Kind.START, Math.max(0, onsetFrame * FRAME - preRoll)));
            }
        } else if (speech) {
            silenceRun = 0;
            lastSpeechEnd = frameEnd;
        } else if (++silenceRun >= hangoverFrames) {
            inSpeech = false;
            speechRun = 0;
            out.add(new VadTransition(VadTransition.Kind.END, Math.min(frameEnd, lastSpeechEnd + TAIL)));
        }
    }

    @Override
    public boolean inSpeech() {
        return inSpeech;
    }
}
