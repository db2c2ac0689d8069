package dev.voiceconsole.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A capture listener that keeps every block, and can stall like a consumer that stopped draining. */
final class BlockCollector implements CaptureListener {

    private final List<AudioBlock> blocks = new ArrayList<>();
    private volatile CountDownLatch gate;
    private volatile CaptureException failure;
    private final AtomicInteger stalledCalls = new AtomicInteger();

    @Override
    public void onBlock(AudioBlock block) {
        synchronized (blocks) {
            blocks.add(block);
        }
        CountDownLatch stalled = gate;
        if (stalled != null) {
            stalledCalls.incrementAndGet();
            try {
                // Bounded so that a failing test cannot leave the delivery thread parked forever.
                stalled.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void onFailure(CaptureException e) {
        failure = e;
    }

    /** From now on the next onBlock call blocks until {@link #resume()}. */
    void stall() {
        gate = new CountDownLatch(1);
    }

    void resume() {
        CountDownLatch stalled = gate;
        gate = null;
        stalled.countDown();
    }

    int stalledCalls() {
        return stalledCalls.get();
    }

    List<AudioBlock> blocks() {
        synchronized (blocks) {
            return List.copyOf(blocks);
        }
    }

    int size() {
        synchronized (blocks) {
            return blocks.size();
        }
    }

    CaptureException failure() {
        return failure;
    }
}
