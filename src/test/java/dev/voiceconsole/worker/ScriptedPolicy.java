package dev.voiceconsole.worker;

import dev.voiceconsole.worker.policy.PolicyEvent;
import dev.voiceconsole.worker.policy.TranscriptionPolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Test double for the policy (the SESSION rules are under test, not recognition): every fed chunk carries a
 * word id as its sample value (see {@link TestAudio#wordChunk}); id 0 is silence and ends the utterance. So a
 * lost, duplicated or reordered chunk changes the transcript. {@code decodeIfDue} can be held on a gate so that
 * pending audio grows deterministically.
 */
public final class ScriptedPolicy implements TranscriptionPolicy {

    private final CountDownLatch gate;
    private final List<String> utterance = new ArrayList<>();
    private boolean changedSinceDecode;
    private boolean finalDue;
    private int utteranceId = 1;
    private int segmentId = 1;
    private long samplesFed;
    private long utteranceStart;

    public ScriptedPolicy(CountDownLatch gate) {
        this.gate = gate;
    }

    static int wordId(float[] samples) {
        return Math.round(samples[0] * 32768f);
    }

    @Override
    public List<PolicyEvent> feed(float[] samples) {
        List<PolicyEvent> events = new ArrayList<>();
        int id = wordId(samples);
        if (id != 0) {
            if (utterance.isEmpty()) {
                utteranceStart = samplesFed;
                events.add(new PolicyEvent.SpeechStarted(samplesFed / 16000.0));
            }
            utterance.add("w" + id);
            changedSinceDecode = true;
        } else if (!utterance.isEmpty()) {
            events.add(new PolicyEvent.SpeechEnded(samplesFed / 16000.0));
            finalDue = true;
        }
        samplesFed += samples.length;
        return events;
    }

    @Override
    public List<PolicyEvent> decodeIfDue() {
        if (gate != null) {
            try {
                if (!gate.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("test gate was never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
        if (finalDue) {
            return finish(true);
        }
        if (!changedSinceDecode) {
            return List.of();
        }
        changedSinceDecode = false;
        String text = String.join(" ", utterance);
        return List.of(decoded(text, false), new PolicyEvent.Partial(utteranceId, "", text));
    }

    @Override
    public List<PolicyEvent> flush() {
        return utterance.isEmpty() ? List.of() : finish(true);
    }

    private List<PolicyEvent> finish(boolean finalDecode) {
        String text = String.join(" ", utterance);
        List<PolicyEvent> events = List.of(decoded(text, finalDecode), new PolicyEvent.Final(segmentId++, utteranceId++,
                text, utteranceStart / 16000.0, samplesFed / 16000.0, false, Float.NaN, Float.NaN));
        utterance.clear();
        finalDue = false;
        changedSinceDecode = false;
        return events;
    }

    private PolicyEvent.Decoded decoded(String text, boolean finalDecode) {
        return new PolicyEvent.Decoded(utteranceStart / 16000.0, samplesFed / 16000.0, System.nanoTime(), 1.5, text,
                finalDecode);
    }

    @Override
    public long samplesFed() {
        return samplesFed;
    }
}
