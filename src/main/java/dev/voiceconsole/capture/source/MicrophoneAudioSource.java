package dev.voiceconsole.capture.source;

import dev.voiceconsole.capture.AudioBlock;
import dev.voiceconsole.capture.CaptureDevice;
import dev.voiceconsole.capture.CaptureDevices;
import dev.voiceconsole.capture.CaptureException;
import dev.voiceconsole.capture.CaptureListener;
import dev.voiceconsole.capture.CaptureSettings;
import dev.voiceconsole.capture.MicrophoneCapture;
import dev.voiceconsole.settings.UiSettings;
import java.io.IOException;
import java.util.List;

/** The microphone as a dictation source: javax.sound capture at the rate and on the device the settings name. */
public final class MicrophoneAudioSource implements AudioSource {

    private final CaptureSettings settings;
    private volatile MicrophoneCapture capture;
    /** Drops of the last capture, kept after it closed so the count outlives a stop. */
    private volatile long droppedBefore;

    private MicrophoneAudioSource(CaptureSettings settings) {
        this.settings = settings;
    }

    /** Opens the microphone the settings name and lists the capture devices javax.sound offers. */
    public static AudioSourceFactory factory() {
        return new AudioSourceFactory() {
            @Override
            public AudioSource open(UiSettings settings) {
                return MicrophoneAudioSource.open(settings);
            }

            @Override
            public List<String> deviceNames() {
                return CaptureDevices.list().stream().map(CaptureDevice::name).toList();
            }
        };
    }

    /** An empty Device setting means the system's default capture device. */
    public static AudioSource open(UiSettings ui) {
        CaptureSettings capture = CaptureSettings.defaults(ui.sampleRate());
        return new MicrophoneAudioSource(ui.device().isBlank() ? capture : capture.withDevice(ui.device()));
    }

    @Override
    public synchronized void start(Consumer consumer) throws IOException {
        try {
            capture = MicrophoneCapture.start(settings, new CaptureListener() {
                @Override
                public void onBlock(AudioBlock block) {
                    consumer.onBlock(block.pcm16le(), block.captureTimeMicros(), block.rmsDbfs());
                }

                @Override
                public void onFailure(CaptureException error) {
                    consumer.onEnd(error);
                }
            });
        } catch (CaptureException e) {
            // The capture layer's message is written for the user ("No microphone found: …").
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public synchronized void stop() {
        if (capture != null) {
            capture.close();
            droppedBefore = capture.stats().blocksDropped();
            capture = null;
        }
    }

    @Override
    public long droppedBlocks() {
        MicrophoneCapture running = capture;
        return running == null ? droppedBefore : running.stats().blocksDropped();
    }

    @Override
    public int sampleRate() {
        return settings.sampleRate();
    }

    @Override
    public String description() {
        return "microphone " + (settings.deviceName() == null ? "(default)" : "'" + settings.deviceName() + "'");
    }
}
