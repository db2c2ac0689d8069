package dev.voiceconsole.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.TargetDataLine;

/**
 * The capture-capable devices javax.sound offers: mixers with a {@link TargetDataLine} for mono 16-bit PCM at 16
 * or 48 kHz. Every call asks javax.sound again, so a device plugged in meanwhile shows up.
 */
public final class CaptureDevices {

    static final String NO_MICROPHONE_MESSAGE =
            "No microphone found: javax.sound sees no capture device (is a sound server running?)";

    private CaptureDevices() {}

    /** Capture devices in javax.sound's order (its first entry is what {@link CaptureSettings} calls the default). */
    public static List<CaptureDevice> list() {
        List<CaptureDevice> devices = new ArrayList<>();
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            Mixer mixer = AudioSystem.getMixer(info);
            List<Integer> rates = CaptureSettings.SUPPORTED_RATES.stream()
                    .filter(rate -> mixer.isLineSupported(lineInfo(rate)))
                    .toList();
            if (!rates.isEmpty()) {
                devices.add(new CaptureDevice(info.getName(), info.getDescription(), rates));
            }
        }
        return List.copyOf(devices);
    }

    static AudioFormat format(int sampleRate) {
        return new AudioFormat(sampleRate, 16, 1, true, false);
    }

    static DataLine.Info lineInfo(int sampleRate) {
        return new DataLine.Info(TargetDataLine.class, format(sampleRate));
    }

    /** The device the settings name, checked against what javax.sound offers, with a message for every miss. */
    static CaptureDevice choose(CaptureSettings settings) throws CaptureException {
        int rate = settings.sampleRate();
        if (!CaptureSettings.SUPPORTED_RATES.contains(rate)) {
            throw new CaptureException(
                    CaptureException.Reason.UNSUPPORTED_FORMAT,
                    "Capture at " + rate + " Hz is not offered: VoiceConsole captures at 16000 or 48000 Hz");
        }
        List<CaptureDevice> devices = list();
        if (devices.isEmpty()) {
            throw new CaptureException(CaptureException.Reason.NO_MICROPHONE, NO_MICROPHONE_MESSAGE);
        }
        CaptureDevice device;
        if (settings.deviceName() == null) {
            device = devices.get(0);
        } else {
            device = devices.stream()
                    .filter(d -> d.name().equals(settings.deviceName()))
                    .findFirst()
                    .orElseThrow(() -> new CaptureException(
                            CaptureException.Reason.DEVICE_NOT_FOUND,
                            "Microphone '" + settings.deviceName() + "' not found; available: "
                                    + devices.stream()
                                            .map(d -> "'" + d.name() + "'")
                                            .collect(Collectors.joining(", "))));
        }
        if (!device.supports(rate)) {
            throw new CaptureException(
                    CaptureException.Reason.UNSUPPORTED_FORMAT,
                    "Microphone '" + device.name() + "' does not support " + rate + " Hz mono 16-bit" + " (it offers "
                            + device.sampleRates() + " Hz)");
        }
        return device;
    }

    /** The mixer behind a listed device, looked up again because javax.sound may have re-enumerated meanwhile. */
    static Optional<Mixer> mixer(CaptureDevice device) {
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            if (info.getName().equals(device.name())) {
                return Optional.of(AudioSystem.getMixer(info));
            }
        }
        return Optional.empty();
    }
}
