package dev.voiceconsole.ui.dictation;

import dev.voiceconsole.capture.source.AudioSource;
import dev.voiceconsole.capture.source.AudioSourceFactory;
import dev.voiceconsole.client.RecoveringSession;
import dev.voiceconsole.client.RecoveryListener;
import dev.voiceconsole.client.RecoveryReport;
import dev.voiceconsole.client.RecoverySettings;
import dev.voiceconsole.client.ReplayOverflow;
import dev.voiceconsole.client.StreamListener;
import dev.voiceconsole.client.VoiceWorkerClient;
import dev.voiceconsole.client.WorkerHandle;
import dev.voiceconsole.proto.v1.SessionConfig;
import dev.voiceconsole.proto.v1.SessionMode;
import dev.voiceconsole.proto.v1.StreamEvent;
import dev.voiceconsole.settings.UiSettings;
import dev.voiceconsole.ui.common.BackgroundTasks;
import dev.voiceconsole.ui.common.LatencyProbe;
import dev.voiceconsole.ui.common.LiveTranscript;
import dev.voiceconsole.ui.common.SessionConfigs;
import dev.voiceconsole.ui.common.TranscriptRecorder;
import dev.voiceconsole.ui.common.UiErrors;
import dev.voiceconsole.ui.common.UiExecutor;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.DoubleBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.binding.StringExpression;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyFloatProperty;
import javafx.beans.property.ReadOnlyFloatWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start / stop dictation: opens a LIVE session, pumps the audio source into it and hands the events to the
 * transcript and the latency recorder.
 *
 * <p>Threads: every gRPC step of a dictation (create, send, stop) runs in order on one "dictation" thread, so audio
 * is never reordered and the capture thread only enqueues (capture never waits for the network). Events arrive on
 * gRPC threads; what the UI shows is published through the {@link UiExecutor}.
 */
public final class DictationViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(DictationViewModel.class);
    /** Level meter updates per second are capped; 20-ms blocks would otherwise mean 50 UI updates a second. */
    private static final int LEVEL_EVERY_N_BLOCKS = 5;

    private final AudioSourceFactory audioSources;
    private final Supplier<UiSettings> settings;
    private final LiveTranscript transcript;
    private final LatencyProbe latency;
    private final TranscriptRecorder recorder;
    private final UiExecutor ui;
    private final Consumer<String> errors;
    private final ExecutorService dictationThread;
    private final List<StreamListener> eventListeners = new CopyOnWriteArrayList<>();

    private final ReadOnlyBooleanWrapper dictating = new ReadOnlyBooleanWrapper(this, "dictating", false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyBooleanWrapper workerReady = new ReadOnlyBooleanWrapper(this, "workerReady", false);
    private final ReadOnlyFloatWrapper levelDbfs = new ReadOnlyFloatWrapper(this, "levelDbfs", Float.NEGATIVE_INFINITY);
    private final DoubleBinding levelMeter = Bindings.createDoubleBinding(
            () -> {
                float db = levelDbfs.get();
                return Float.isInfinite(db) ? 0 : Math.max(0, Math.min(1, (db + 60) / 60.0));
            },
            levelDbfs);
    private final ReadOnlyLongWrapper droppedBlocks = new ReadOnlyLongWrapper(this, "droppedBlocks", 0);
    private final ReadOnlyLongWrapper heardSeconds = new ReadOnlyLongWrapper(this, "heardSeconds", 0);
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper(this, "outcome", "");
    /** "● Listening 0:07" while a dictation runs, empty otherwise: the state a glance at the window must catch. */
    private final StringBinding recordingState = Bindings.createStringBinding(
            () -> dictating.get() ? "● Listening " + minutesAndSeconds(heardSeconds.get()) : "",
            dictating,
            heardSeconds);

    private final BooleanBinding canToggle =
            Bindings.createBooleanBinding(() -> workerReady.get() && !busy.get(), workerReady, busy);

    // Owned by the UI thread.
    private VoiceWorkerClient client;
    /** The running worker's handle: who replaces it, where a lost dictation goes; null while none runs. */
    private WorkerHandle worker;

    private Session session;

    /** One running dictation; its fields are set on the dictation thread. */
    private static final class Session {
        volatile AudioSource source;
        volatile RecoveringSession stream;
        volatile boolean ended;
        volatile boolean stopRequested;
        volatile TranscriptRecorder.Recording recording;
        private final AtomicBoolean recordingEnded = new AtomicBoolean();

        void endRecording() {
            TranscriptRecorder.Recording r = recording;
            if (r != null && recordingEnded.compareAndSet(false, true)) {
                r.end();
            }
        }

        /** A final with words arrived: an empty dictation is said so when it ends. */
        volatile boolean heardWords;
        /** The source ran out by itself (a recording's end), not stopped by the user. */
        volatile boolean sourceEnded;

        /** "The recording speech.wav", "The audio input default": what ran out, if it does. */
        volatile String sourceSubject = "";
        /** Ended by a failure, which the error line already explains. */
        volatile boolean failed;

        int blocks;
        /** Mono samples captured so far: the time heard, whatever the wall clock or a file source's pace says. */
        final AtomicLong samples = new AtomicLong();
    }

    public DictationViewModel(
            AudioSourceFactory audioSources,
            Supplier<UiSettings> settings,
            LiveTranscript transcript,
            LatencyProbe latency,
            TranscriptRecorder recorder,
            UiExecutor ui,
            BackgroundTasks tasks,
            Consumer<String> errors) {
        this.recorder = recorder;
        this.audioSources = audioSources;
        this.settings = settings;
        this.transcript = transcript;
        this.latency = latency;
        this.ui = ui;
        this.errors = errors;
        this.dictationThread = tasks.lane("dictation");
    }

    public ReadOnlyBooleanProperty dictatingProperty() {
        return dictating.getReadOnlyProperty();
    }

    /** Whole seconds of audio the current (or last) dictation captured. */
    public ReadOnlyLongProperty heardSecondsProperty() {
        return heardSeconds.getReadOnlyProperty();
    }

    /**
     * How the last dictation ended when that needs saying ("Dictation ended: no speech recognized in 6 s of audio.",
     * "The recording … ended after 6 s; dictation stopped."); empty while dictating and after an ordinary stop.
     */
    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    /** "● Listening 0:07" while dictating, empty otherwise. */
    public StringExpression recordingStateProperty() {
        return recordingState;
    }

    private static String minutesAndSeconds(long seconds) {
        return seconds / 60 + ":" + String.format(Locale.ROOT, "%02d", seconds % 60);
    }

    /** Starting or stopping is under way: the button waits. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public BooleanBinding canToggleProperty() {
        return canToggle;
    }

    public ReadOnlyFloatProperty levelDbfsProperty() {
        return levelDbfs.getReadOnlyProperty();
    }

    /** The level as a meter shows it: -60 dBFS (silence) and below is 0, full scale is 1. */
    public DoubleBinding levelMeterProperty() {
        return levelMeter;
    }

    /**
     * Audio blocks the source discarded in the current (or last) dictation because the app fell behind it; each
     * is a hole in what the worker heard. Refreshed with the level meter and once more when dictation ends.
     */
    public ReadOnlyLongProperty droppedBlocksProperty() {
        return droppedBlocks.getReadOnlyProperty();
    }

    /** Also receives every event of every dictation, on the gRPC thread (testers' hooks, recorders). */
    public void addEventListener(StreamListener listener) {
        eventListeners.add(listener);
    }

    /** The worker to dictate to; null while there is none (UI thread). */
    public void useClient(VoiceWorkerClient value, WorkerHandle handle) {
        worker = handle;
        if (value == null && session != null) {
            stop();
        }
        client = value;
        workerReady.set(value != null);
    }

    public void toggle() {
        if (dictating.get()) {
            stop();
        } else {
            start();
        }
    }

    /** UI thread. */
    public void start() {
        if (!canToggle.get() || dictating.get()) {
            return;
        }
        busy.set(true);
        Session s = new Session();
        session = s;
        outcome.set("");
        VoiceWorkerClient c = client;
        WorkerHandle w = worker;
        UiSettings current = settings.get();
        transcript.sessionStarted();
        droppedBlocks.set(0);
        heardSeconds.set(0);
        dictationThread.execute(() -> open(s, c, w, current));
    }

    private void open(Session s, VoiceWorkerClient c, WorkerHandle w, UiSettings current) {
        try {
            AudioSource source = audioSources.open(current);
            s.sourceSubject = sourceSubject(current);
            s.source = source;
            SessionConfig config =
                    SessionConfigs.of(current, source.sampleRate(), source.channels(), SessionMode.SESSION_MODE_LIVE);
            latency.sessionStarted();
            s.recording = recorder.begin(sourceName(current), current.modelName(), current.mode());
            // A recovering session keeps the audio not yet final, so a crashed sidecar costs no words.
            s.stream = RecoveringSession.start(
                    c,
                    w.placement(c),
                    config,
                    w.replacements(),
                    RecoverySettings.defaults(),
                    new Events(s),
                    new Recovery());
            source.start(new AudioSource.Consumer() {
                @Override
                public void onBlock(byte[] pcm16le, long captureTimeUs, float level) {
                    dictationThread.execute(() -> send(s, pcm16le, captureTimeUs));
                    long captured = s.samples.addAndGet(pcm16le.length / (2L * source.channels()));
                    if (++s.blocks % LEVEL_EVERY_N_BLOCKS == 0) {
                        long dropped = source.droppedBlocks();
                        long heard = captured / source.sampleRate();
                        ui.execute(() -> {
                            levelDbfs.set(level);
                            droppedBlocks.set(dropped);
                            if (session == s) {
                                heardSeconds.set(heard);
                            }
                        });
                    }
                }

                @Override
                public void onEnd(Exception error) {
                    s.sourceEnded = error == null && !s.stopRequested;
                    s.failed |= error != null;
                    ui.execute(() -> {
                        if (error != null) {
                            errors.accept("Audio input stopped: " + error.getMessage());
                        }
                        if (session == s) {
                            stop();
                        }
                    });
                }
            });
            LOG.info("dictation started: session {}, {}", s.stream.sessionId(), source.description());
            ui.execute(() -> {
                dictating.set(true);
                if (!s.stopRequested) {
                    busy.set(false);
                }
            });
        } catch (Exception e) {
            LOG.warn("dictation could not start", e);
            s.failed = true;
            abandon(s);
            ui.execute(() -> {
                errors.accept("Could not start dictation: " + UiErrors.describe(e));
                finished(s);
            });
        }
    }

    private void send(Session s, byte[] pcm, long captureUs) {
        if (s.ended) {
            return;
        }
        try {
            latency.chunkSending(s.stream.lastSequence() + 1); // only this thread sends, so this is the next number
            s.stream.send(pcm, captureUs);
        } catch (RuntimeException e) {
            LOG.warn("audio could not be sent", e);
            s.ended = true;
            s.failed = true;
            abandon(s);
            ui.execute(() -> {
                errors.accept("Dictation stopped: " + UiErrors.describe(e));
                finished(s);
            });
        }
    }

    /** UI thread. The last words are flushed into final text before dictating turns false. */
    public void stop() {
        Session s = session;
        if (s == null || s.stopRequested) {
            return;
        }
        s.stopRequested = true;
        busy.set(true);
        // Stopping a source joins its thread (a WAV player, the capture reader): that waits on the dictation
        // thread, never on the UI thread. The stream is stopped by a second task, queued once the source has
        // stopped, so it runs after every block the source delivered before it stopped.
        dictationThread.execute(() -> {
            AudioSource source = s.source;
            if (source != null) {
                source.stop();
            }
            try {
                dictationThread.execute(() -> stopStream(s));
            } catch (RejectedExecutionException closing) {
                // The window closed while the source stopped: shutdown() has abandoned this session (stream closed,
                // recording ended), so there is nothing left for stopStream to do.
                LOG.debug("dictation stopped by the window closing");
            }
        });
    }

    private void stopStream(Session s) {
        try {
            if (s.source != null) {
                s.source.stop(); // stop was asked while the session was still opening
            }
            if (!s.ended && s.stream != null) {
                s.ended = true;
                s.stream.stop();
            }
        } catch (Exception e) {
            LOG.warn("dictation did not stop cleanly: {}", UiErrors.describe(e));
            ui.execute(() -> errors.accept("Stopping dictation failed: " + UiErrors.describe(e)));
        } finally {
            if (s.stream != null) {
                s.stream.close(); // ends its recovery thread, which a recovered dictation has started
            }
            s.endRecording();
            ui.execute(() -> finished(s));
        }
    }

    private void finished(Session s) {
        if (session == s) {
            session = null;
            dictating.set(false);
            busy.set(false);
            levelDbfs.set(Float.NEGATIVE_INFINITY);
            if (s.source != null) {
                droppedBlocks.set(s.source.droppedBlocks()); // drops after the last level update count too
                heardSeconds.set(s.samples.get() / s.source.sampleRate()); // and so does the audio after it
                outcome.set(s.failed ? "" : outcome(s, heardSeconds.get()));
            }
        }
    }

    /** What the user is told when a dictation ends unlike they would expect; empty when it ended as asked. */
    private static String outcome(Session s, long heard) {
        String nothing = s.heardWords ? "" : ": no speech recognized";
        if (s.sourceEnded) {
            return s.sourceSubject + " ended after " + heard + " s; dictation stopped" + nothing + ".";
        }
        return s.heardWords ? "" : "Dictation ended" + nothing + " in " + heard + " s of audio.";
    }

    private static void abandon(Session s) {
        s.ended = true;
        if (s.source != null) {
            s.source.stop();
        }
        if (s.stream != null) {
            s.stream.close();
        }
        s.endRecording();
    }

    /** Stops any dictation and the dictation thread (window closing). */
    public void shutdown() {
        Session s = session;
        if (s != null) {
            abandon(s);
        }
        dictationThread.shutdownNow();
    }

    private static String sourceSubject(UiSettings settings) {
        return (settings.device().startsWith("file:") ? "The recording " : "The audio input ") + sourceName(settings);
    }

    /** What the journal calls where the audio came from. */
    private static String sourceName(UiSettings settings) {
        String device = settings.device();
        if (device.isEmpty()) {
            return "microphone";
        }
        return device.startsWith("file:")
                ? String.valueOf(Path.of(device.substring(5)).getFileName())
                : device;
    }

    /** Tells the user what happens when the worker dies under a dictation. */
    private final class Recovery implements RecoveryListener {
        @Override
        public void onWorkerLost(Throwable cause) {
            ui.execute(() ->
                    errors.accept("Voice worker lost (" + UiErrors.describe(cause) + "); recovering the dictation…"));
        }

        @Override
        public void onRecovered(RecoveryReport report) {
            LOG.warn(
                    "dictation recovered on worker {} ({} s of audio replayed)",
                    report.newWorkerId(),
                    String.format("%.1f", report.replayedSeconds()));
        }

        @Override
        public void onReplayOverflow(ReplayOverflow overflow) {
            if (overflow.speechPossiblyLost()) {
                ui.execute(
                        () -> errors.accept("Audio the worker had not transcribed yet was dropped while it recovered"));
            }
        }
    }

    private final class Events implements StreamListener {
        private final Session s;

        Events(Session s) {
            this.s = s;
        }

        @Override
        public void onEvent(StreamEvent event) {
            TranscriptRecorder.Recording r = s.recording;
            if (r != null) {
                r.onEvent(event); // on disk before it is on screen
            }
            latency.eventArrived(event);
            for (StreamListener l : eventListeners) {
                l.onEvent(event);
            }
            if (event.hasFinal() && !event.getFinal().getText().isBlank()) {
                s.heardWords = true;
            }
            if (event.hasPartial() || event.hasFinal()) {
                ui.execute(() -> transcript.accept(event));
            } else if (event.hasError()) {
                String text = "Worker reported " + event.getError().getCodeName() + ": "
                        + event.getError().getMessage();
                ui.execute(() -> errors.accept(text));
            } else if (event.hasGap()) {
                String text =
                        "Audio chunks were lost: expected " + event.getGap().getExpectedSequence() + ", got "
                                + event.getGap().getReceivedSequence();
                ui.execute(() -> errors.accept(text));
            }
        }

        @Override
        public void onError(Throwable error) {
            eventListeners.forEach(l -> l.onError(error));
            if (!s.ended) {
                s.ended = true;
                s.failed = true;
                if (s.source != null) {
                    s.source.stop();
                }
                RecoveringSession stream = s.stream;
                if (stream != null) {
                    dictationThread.execute(stream::close); // not from inside the stream's own callback
                }
                s.endRecording();
                ui.execute(() -> {
                    errors.accept("Dictation stopped: " + UiErrors.describe(error));
                    finished(s);
                });
            }
        }

        @Override
        public void onCompleted() {
            eventListeners.forEach(StreamListener::onCompleted);
        }
    }
}
