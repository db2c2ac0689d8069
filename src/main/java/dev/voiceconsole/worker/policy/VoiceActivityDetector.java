package dev.voiceconsole.worker.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Energy-based voice activity detection on 16 kHz mono audio, in 10 ms frames, for chunks of any size.
 *
 * <p>How a frame is judged:
 * <ul>
 *   <li><b>Energy</b>: mean-removed power in dBFS.</li>
 *   <li><b>Noise floor</b>: the minimum frame energy over the last {@value #FLOOR_WINDOW_MS} ms ("minimum
 *       statistics"). It falls at once when the room gets quieter and rises only when a level has persisted for
 *       the whole window, so steady noise becomes the floor while speech, which always has pauses and dips, does
 *       not. Before a full window has been seen the floor is assumed to be digital silence, so speech right at the
 *       start of a stream is not missed.</li>
 *   <li><b>Active</b>: energy above floor + {@link VadSettings#energyThresholdDb()} (three quarters of it while
 *       already in speech, a hysteresis against chattering) and above {@value #ABSOLUTE_GATE_DBFS} dBFS; nothing
 *       quieter than that is ever speech.</li>
 *   <li><b>Voiced</b>: normalised autocorrelation of the last 30 ms, high-passed at 200 Hz, peaks above
 *       {@value #VOICING_THRESHOLD} at a pitch lag (80 to 500 Hz). Only used to <em>start</em> speech: a run of
 *       active frames (dips up to 80 ms between syllables do not break it, nor count) starts an utterance once it has
 *       {@link VadSettings#minSpeechMs()} of active frames, at least half of them voiced. Broadband noise (a fan switched on, a noisy mic from the first sample) therefore never
 *       starts speech while the floor catches up; unvoiced consonants are still covered by pre-roll and hang-over.
 *   </li>
 * </ul>
 * START is reported at the frame that completes the minimum run, positioned at the run's onset minus pre-roll.
 * END is reported once {@link VadSettings#hangoverMs()} of inactive frames have passed, positioned at the end of
 * the last active frame plus a {@value #TAIL_MS} ms tail (never more than the hang-over).
 *
 * <p>Decisions depend only on the sample sequence, never on how it was split into chunks. A trailing partial frame
 * waits for the next chunk. Not thread-safe: one session thread drives it.
 */
public final class VoiceActivityDetector implements SpeechDetector {

    public static final int SAMPLE_RATE = 16_000;
    static final int FRAME = 160; // 10 ms
    static final double ABSOLUTE_GATE_DBFS = -55;
    static final int FLOOR_WINDOW_MS = 2000;
    static final int TAIL_MS = 100;
    static final double VOICING_THRESHOLD = 0.5;
    /** Dips between syllables shorter than this do not restart the minimum-speech count. */
    static final int MAX_RUN_GAP_FRAMES = 8;

    private static final double SILENT_FLOOR_DBFS = -100;
    private static final int VOICING_WINDOW = 3 * FRAME; // 30 ms: at least 2.4 periods of an 80 Hz voice
    private static final int MIN_LAG = SAMPLE_RATE / 500;
    private static final int MAX_LAG = SAMPLE_RATE / 80;
    private static final double VOICING_HIGH_PASS_HZ = 200;

    private final double startThresholdDb;
    private final double stayThresholdDb;
    private final int preRollSamples;
    private final int hangoverFrames;
    private final int minSpeechFrames;
    private final int minVoicedFrames;
    private final int tailSamples;

    private final float[] frame = new float[FRAME];
    private int frameFill;
    private final double[] highPassed = new double[VOICING_WINDOW]; // last 30 ms through the high-pass
    private final HighPass highPass = new HighPass(VOICING_HIGH_PASS_HZ, SAMPLE_RATE);
    private final double[] prefixSquares = new double[VOICING_WINDOW + 1];
    private final SlidingMinimum floor = new SlidingMinimum(FLOOR_WINDOW_MS / 10);

    private long samplesIn;
    private long frameIndex; // frames completed
    private boolean inSpeech;
    private int runLength;
    private long runStartFrame;
    private int runVoiced;
    private int runGap;
    private long firstVoicedFrame;
    private long lastActiveFrame;
    private double lastFloorDb = SILENT_FLOOR_DBFS;

    public VoiceActivityDetector(VadSettings settings) {
        this.startThresholdDb = settings.energyThresholdDb();
        this.stayThresholdDb = 0.75 * settings.energyThresholdDb();
        this.preRollSamples = settings.preRollMs() * SAMPLE_RATE / 1000;
        this.hangoverFrames = (settings.hangoverMs() + 9) / 10;
        this.minSpeechFrames = Math.max(1, (settings.minSpeechMs() + 9) / 10);
        this.minVoicedFrames = Math.max(1, (minSpeechFrames + 1) / 2);
        this.tailSamples = Math.min(TAIL_MS, settings.hangoverMs()) * SAMPLE_RATE / 1000;
    }

    /** Feeds the next chunk of 16 kHz mono samples; returns the transitions it completed, in order. */
    @Override
    public List<VadTransition> process(float[] samples) {
        List<VadTransition> out = new ArrayList<>(0);
        int pos = 0;
        while (pos < samples.length) {
            int n = Math.min(FRAME - frameFill, samples.length - pos);
            System.arraycopy(samples, pos, frame, frameFill, n);
            frameFill += n;
            pos += n;
            if (frameFill == FRAME) {
                analyse(out);
                frameFill = 0;
            }
        }
        samplesIn += samples.length;
        return out;
    }

    /** End of stream: closes an open utterance at its natural end (or at the last sample, if sooner). */
    public List<VadTransition> finish() {
        if (!inSpeech) {
            return List.of();
        }
        inSpeech = false;
        runLength = 0;
        return List.of(new VadTransition(VadTransition.Kind.END, Math.min(endPosition(), samplesIn)));
    }

    @Override
    public boolean inSpeech() {
        return inSpeech;
    }

    /** All samples fed so far, including a partial frame not yet judged. */
    public long samplesProcessed() {
        return samplesIn;
    }

    /** The noise floor used for the latest frame, in dBFS (diagnostics). */
    public double noiseFloorDb() {
        return lastFloorDb;
    }

    private void analyse(List<VadTransition> out) {
        // The filter runs over the whole stream so its state, and so the result, never depends on chunking.
        System.arraycopy(highPassed, FRAME, highPassed, 0, VOICING_WINDOW - FRAME);
        for (int i = 0; i < FRAME; i++) {
            highPassed[VOICING_WINDOW - FRAME + i] = highPass.apply(frame[i]);
        }
        double energyDb = energyDb(frame);
        floor.push(frameIndex, energyDb);
        // Until a whole window has been seen, silence before the stream counts as part of it.
        double floorDb = frameIndex + 1 < floor.window() ? SILENT_FLOOR_DBFS : floor.min();
        lastFloorDb = floorDb;
        double threshold = Math.max(floorDb + (inSpeech ? stayThresholdDb : startThresholdDb), ABSOLUTE_GATE_DBFS);
        boolean active = energyDb > threshold;

        if (inSpeech) {
            if (active) {
                lastActiveFrame = frameIndex;
            } else if (frameIndex - lastActiveFrame >= hangoverFrames) {
                inSpeech = false;
                runLength = 0;
                out.add(new VadTransition(VadTransition.Kind.END, endPosition()));
            }
        } else if (active) {
            if (runLength == 0) {
                runStartFrame = frameIndex;
                runVoiced = 0;
            }
            runLength++;
            runGap = 0;
            if (isVoiced()) {
                if (runVoiced == 0) {
                    firstVoicedFrame = frameIndex;
                }
                runVoiced++;
            }
            if (runLength >= minSpeechFrames && runVoiced >= minVoicedFrames) {
                inSpeech = true;
                lastActiveFrame = frameIndex;
                // A long unvoiced lead-in (noise the floor has not caught up with) must not drag the onset back.
                long onsetFrame = Math.max(runStartFrame, firstVoicedFrame - minSpeechFrames);
                long start = Math.max(0, onsetFrame * FRAME - preRollSamples);
                out.add(new VadTransition(VadTransition.Kind.START, start));
            }
        } else if (runLength > 0 && ++runGap > MAX_RUN_GAP_FRAMES) {
            runLength = 0;
        }
        frameIndex++;
    }

    private long endPosition() {
        return (lastActiveFrame + 1) * FRAME + tailSamples;
    }

    private static double energyDb(float[] x) {
        double mean = 0;
        for (float v : x) {
            mean += v;
        }
        mean /= x.length;
        double power = 0;
        for (float v : x) {
            double d = v - mean;
            power += d * d;
        }
        return 10 * Math.log10(power / x.length + 1e-12);
    }

    /**
     * Periodicity test. The high-pass removes rumble (fans, traffic, handling noise), whose autocorrelation would
     * otherwise stay high at every short lag and pass for a voice; voices keep their harmonics above 200 Hz.
     */
    private boolean isVoiced() {
        double[] x = highPassed;
        prefixSquares[0] = 0;
        for (int i = 0; i < VOICING_WINDOW; i++) {
            prefixSquares[i + 1] = prefixSquares[i] + x[i] * x[i];
        }
        double best = 0;
        for (int lag = MIN_LAG; lag <= MAX_LAG; lag++) {
            int n = VOICING_WINDOW - lag;
            double cross = 0;
            for (int i = 0; i < n; i++) {
                cross += x[i] * x[i + lag];
            }
            double denominator = Math.sqrt(prefixSquares[n] * (prefixSquares[VOICING_WINDOW] - prefixSquares[lag]));
            if (denominator > 0) {
                best = Math.max(best, cross / denominator);
            }
        }
        return best >= VOICING_THRESHOLD;
    }

    /** Second-order Butterworth high-pass (bilinear transform), direct form I. */
    private static final class HighPass {
        private final double b0;
        private final double b1;
        private final double b2;
        private final double a1;
        private final double a2;
        private double x1;
        private double x2;
        private double y1;
        private double y2;

        HighPass(double cutoffHz, int rate) {
            double w = 2 * Math.PI * cutoffHz / rate;
            double alpha = Math.sin(w) / (2 * Math.sqrt(0.5));
            double cos = Math.cos(w);
            double a0 = 1 + alpha;
            b0 = (1 + cos) / 2 / a0;
            b1 = -(1 + cos) / a0;
            b2 = b0;
            a1 = -2 * cos / a0;
            a2 = (1 - alpha) / a0;
        }

        double apply(double x) {
            double y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = y;
            return y;
        }
    }

    /** Minimum over the last {@code window} values, O(1) amortised per push (monotonic queue in a ring). */
    private static final class SlidingMinimum {
        private final int window;
        private final long[] index;
        private final double[] value;
        private int head;
        private int size;

        SlidingMinimum(int window) {
            this.window = window;
            this.index = new long[window + 1];
            this.value = new double[window + 1];
        }

        int window() {
            return window;
        }

        void push(long i, double v) {
            while (size > 0 && value[slot(size - 1)] >= v) {
                size--;
            }
            int s = slot(size);
            index[s] = i;
            value[s] = v;
            size++;
            while (index[head] <= i - window) {
                head = (head + 1) % index.length;
                size--;
            }
        }

        double min() {
            return value[head];
        }

        private int slot(int k) {
            return (head + k) % index.length;
        }
    }
}
