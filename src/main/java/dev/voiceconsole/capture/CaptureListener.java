package dev.voiceconsole.capture;

/**
 * Receives captured audio on the capture's delivery thread (never on the thread that reads the device, so a slow
 * listener costs dropped blocks, counted in {@link CaptureStats}, instead of audio silently lost by the driver).
 */
public interface CaptureListener {

    void onBlock(AudioBlock block);

    /**
     * The device stopped delivering audio after capture had started (unplugged, sound server gone). Called once,
     * after every block read before the failure; no block follows.
     */
    void onFailure(CaptureException failure);
}
