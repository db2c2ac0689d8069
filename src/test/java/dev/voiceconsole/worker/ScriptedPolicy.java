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
    /** Counted down each time a decode reaches the closed gate, so a test knows the drain is held from then on. */
    private final CountDownLatch heldAtGate;

    private final List<String> utterance = new ArrayList<>();
    private boolean changedSinceDecode;
    /** Utterances whose end was fed but not yet finalized (the real policy also finalizes in decodeIfDue). */
    private final List<PolicyEvent.Final> endedUtterances = new ArrayList<>();

    private int utteranceId = 1;
    private int segmentId = 1;
    private long samplesFed;
    private long utteranceStart;

    public ScriptedPolicy(CountDownLatch gate) {
        this(gate, new CountDownLatch(0));
    }

    public ScriptedPolicy(CountDownLatch gate, CountDownLatch heldAtGate) {
        this.gate = gate;
        this.heldAtGate = heldAtGate;
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
            endedUtterances.add(closeUtterance());
        }
        samplesFed += samples.length;
        return events;
    }

    @Override
    public List<PolicyEvent> decodeIfDue() {
        if (gate != null) {
            heldAtGate.countDown();
            try {
                if (!gate.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("test gate was never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
        List<PolicyEvent> events = new ArrayList<>(finalizeEnded());
        if (changedSinceDecode && !utterance.isEmpty()) {
            String text = String.join(" ", utterance);
            events.add(decoded(text, false));
            events.add(new PolicyEvent.Partial(utteranceId, "", text));
        }
        changedSinceDecode = false;
        return events;
    }

    @Override
    public List<PolicyEvent> flush() {
        if (!utterance.isEmpty()) {
            endedUtterances.add(closeUtterance());
        }
        return finalizeEnded();
    }

    private List<PolicyEvent> finalizeEnded() {
        List<PolicyEvent> events = new ArrayList<>();
        for (PolicyEvent.Final f : endedUtterances) {
            events.add(decoded(f.text(), true));
            events.add(f);
        }
        endedUtterances.clear();
        return events;
    }

    private PolicyEvent.Final closeUtterance() {
        PolicyEvent.Final f = new PolicyEvent.Final(
                segmentId++,
                utteranceId++,
                String.join(" ", utterance),
                utteranceStart / 16000.0,
                samplesFed / 16000.0,
                false,
                Float.NaN,
                Float.NaN,
                java.util.List.of());
        utterance.clear();
        return f;
    }

    private PolicyEvent.Decoded decoded(String text, boolean finalDecode) {
        return new PolicyEvent.Decoded(
                utteranceStart / 16000.0, samplesFed / 16000.0, System.nanoTime(), 1.5, text, finalDecode);
    }

    @Override
    public long samplesFed() {
        return samplesFed;
    }

    /** Scripted words keep no audio. */
    @Override
    public long heldSamples() {
        return 0;
    }

    @Override
    public long heldBytes() {
        return 0;
    }
}
