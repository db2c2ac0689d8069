package dev.voiceconsole.capture;

import java.util.List;

/**
 * A capture-capable device as the user sees it in the device list.
 *
 * @param name        javax.sound mixer name, the key a {@link CaptureSettings} refers to (e.g. "default [default]")
 * @param description javax.sound's longer description, for a tooltip
 * @param sampleRates the rates among {@link CaptureSettings#SUPPORTED_RATES} that the device can capture in
 *                    mono 16-bit, ascending
 */
public record CaptureDevice(String name, String description, List<Integer> sampleRates) {

    public CaptureDevice {
        sampleRates = List.copyOf(sampleRates);
    }

    public boolean supports(int sampleRate) {
        return sampleRates.contains(sampleRate);
    }
}
