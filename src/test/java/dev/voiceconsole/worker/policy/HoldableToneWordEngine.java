package dev.voiceconsole.worker.policy;

import dev.voiceconsole.engine.DecodeRequest;
import dev.voiceconsole.engine.DecodeResult;
import dev.voiceconsole.engine.EngineException;
import dev.voiceconsole.engine.EngineInfo;
import dev.voiceconsole.engine.SpeechEngine;
import java.util.concurrent.CountDownLatch;

/**
 * A {@link ToneWordEngine} whose decodes can be held until it is closed. A worker that a test "loses" must not finish
 * more text in the moments before it is cut off, or which worker delivers a result would be a race.
 */
public final class HoldableToneWordEngine implements SpeechEngine {

    private final ToneWordEngine engine = new ToneWordEngine();
    private final CountDownLatch released = new CountDownLatch(1);
    /** Counted down when a decode is being held: the worker has everything it was sent up to that decode. */
    public final CountDownLatch holding = new CountDownLatch(1);

    private volatile boolean held;

    /** Every decode from now on waits until {@link #close()}. */
    public void hold() {
        held = true;
    }

    @Override
    public DecodeResult decode(float[] samples, DecodeRequest request) throws EngineException {
        if (held) {
            holding.countDown();
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return engine.decode(samples, request);
    }

    @Override
    public EngineInfo info() {
        return engine.info();
    }

    @Override
    public void close() {
        released.countDown();
        engine.close();
    }
}
