package dev.voiceconsole.ui.latency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceconsole.proto.v1.ChunkAck;
import dev.voiceconsole.proto.v1.DecodeEvent;
import dev.voiceconsole.proto.v1.FinalSegment;
import dev.voiceconsole.proto.v1.PartialTranscript;
import dev.voiceconsole.proto.v1.SpeechEnded;
import dev.voiceconsole.proto.v1.SpeechStarted;
import dev.voiceconsole.proto.v1.StreamEvent;
import dev.voiceconsole.proto.v1.Timings;
import dev.voiceconsole.ui.common.BackgroundFiles;
import dev.voiceconsole.ui.common.BackgroundTasks;
import dev.voiceconsole.ui.common.UiExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyViewModelTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    /** Wall clock at the recorder's origin; capture times in the events are on this clock. */
    private static final long ORIGIN_US = 1_700_000_000_000_000L;

    private final LatencyRecorder recorder = new LatencyRecorder(nanos::get, ORIGIN_US);
    private final List<String> errors = new ArrayList<>();
    /** Exports run on the test's thread, so the file is there when exportCsv returns. */
    private final BackgroundFiles files =
            new BackgroundFiles(BackgroundTasks.callerRuns(), UiExecutor.direct(), errors::add);

    private void advanceMs(double ms) {
        nanos.addAndGet((long) (ms * 1e6));
    }

    @Test
    void eachMetricComesFromItsEvents() {
        recorder.chunkSending(1);
        advanceMs(4);
        recorder.eventArrived(StreamEvent.newBuilder()
                .setSequence(1)
                .setCaptureTimeUs(ORIGIN_US)
                .setAck(ChunkAck.newBuilder().setResult(ChunkAck.Result.ACCEPTED))
                .build());
        recorder.eventArrived(StreamEvent.newBuilder()
                .setSpeechStarted(SpeechStarted.getDefaultInstance())
                .build());
        advanceMs(300);
        recorder.eventArrived(StreamEvent.newBuilder()
                .setTimings(Timings.newBuilder().setQueueWaitMs(12.5).setInferenceMs(80))
                .setDecode(DecodeEvent.getDefaultInstance())
                .build());
        recorder.eventArrived(StreamEvent.newBuilder()
                .setPartial(PartialTranscript.getDefaultInstance())
                .build());
        advanceMs(200);
        recorder.eventArrived(StreamEvent.newBuilder()
                .setPartial(PartialTranscript.getDefaultInstance())
                .build()); // not first
        // The speaker stopped at stream time 0.2 s; the VAD says so only after its hang-over, at 504 ms.
        recorder.eventArrived(StreamEvent.newBuilder()
                .setSpeechEnded(SpeechEnded.newBuilder().setStreamTimeS(0.2))
                .build());
        advanceMs(150);
        recorder.eventArrived(StreamEvent.newBuilder()
                .setFinal(FinalSegment.getDefaultInstance())
                .build());

        assertThat(recorder.drain())
                .extracting(LatencySample::metric, LatencySample::valueMs)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(LatencyMetric.CHUNK_ROUND_TRIP, 4.0),
                        org.assertj.core.groups.Tuple.tuple(LatencyMetric.QUEUE_WAIT, 12.5),
                        org.assertj.core.groups.Tuple.tuple(LatencyMetric.INFERENCE, 80.0),
                        org.assertj.core.groups.Tuple.tuple(LatencyMetric.SPEECH_START_TO_FIRST_PARTIAL, 300.0),
                        org.assertj.core.groups.Tuple.tuple(LatencyMetric.SPEECH_END_TO_FINAL, 454.0));
        assertThat(recorder.drain()).isEmpty();
        assertThat(recorder.all()).hasSize(5);
    }

    @Test
    void rejectedChunkRoundTripEndsWhenItIsFinallyAccepted() {
        recorder.chunkSending(3);
        advanceMs(5);
        recorder.eventArrived(StreamEvent.newBuilder()
                .setSequence(3)
                .setAck(ChunkAck.newBuilder().setResult(ChunkAck.Result.REJECTED))
                .build());
        advanceMs(20);
        recorder.eventArrived(StreamEvent.newBuilder()
                .setSequence(3)
                .setAck(ChunkAck.newBuilder().setResult(ChunkAck.Result.ACCEPTED))
                .build());
        assertThat(recorder.drain()).extracting(LatencySample::valueMs).containsExactly(25.0);
    }

    @Test
    void windowKeepsRecentPointsAndPercentilesDescribeThem() {
        LatencyViewModel vm = new LatencyViewModel(recorder, 10, files);
        LatencyViewModel.Series inference = vm.series(LatencyMetric.INFERENCE);
        assertThat(inference.summaryProperty().get()).isEqualTo("no samples yet");

        vm.publish(List.of(sample(0, 1000))); // leaves the window below
        vm.publish(java.util.stream.IntStream.rangeClosed(1, 20)
                .mapToObj(i -> sample(10 + i * 0.1, i))
                .toList()); // 10.1 .. 12.0 s, 1..20 ms

        assertThat(inference.points())
                .hasSize(20)
                .extracting(LatencySample::valueMs)
                .doesNotContain(1000.0);
        assertThat(inference.p50Property().get()).isEqualTo(10.0);
        assertThat(inference.p95Property().get()).isEqualTo(19.0);
        assertThat(inference.summaryProperty().get()).isEqualTo("p50 10.0 ms · p95 19.0 ms (n = 20)");
        assertThat(vm.series(LatencyMetric.QUEUE_WAIT).points()).isEmpty();
    }

    @Test
    void csvHoldsEveryRawSample(@TempDir Path dir) throws Exception {
        recorder.eventArrived(StreamEvent.newBuilder()
                .setTimings(Timings.newBuilder().setQueueWaitMs(1.25).setInferenceMs(42.5))
                .setDecode(DecodeEvent.getDefaultInstance())
                .build());
        LatencyViewModel vm = new LatencyViewModel(recorder, 60, files);
        Path csv = dir.resolve("latency.csv");

        vm.exportCsv(csv);
        assertThat(Files.readAllLines(csv))
                .containsExactly("metric,time_s,value_ms", "queue_wait,0.000000,1.250", "inference,0.000000,42.500");
        assertThat(errors).isEmpty();

        Path nowhere = dir.resolve("missing").resolve("latency.csv");
        vm.exportCsv(nowhere);
        assertThat(errors).singleElement().asString().startsWith("Cannot export latency samples to " + nowhere + ": ");
    }

    private static LatencySample sample(double atS, double ms) {
        return new LatencySample(LatencyMetric.INFERENCE, atS, ms);
    }

    @Test
    void theHeadlineSaysTheTimeToTextAgainstItsGoalAndExplainsWhenThereIsNone() {
        LatencyViewModel vm = new LatencyViewModel(recorder, 60, files);
        assertThat(vm.headlineProperty().get()).isEqualTo(LatencyViewModel.NOT_MEASURED);

        vm.publish(List.of(
                new LatencySample(LatencyMetric.SPEECH_END_TO_FINAL, 1, 300),
                new LatencySample(LatencyMetric.SPEECH_END_TO_FINAL, 5, 420),
                new LatencySample(LatencyMetric.SPEECH_END_TO_FINAL, 9, 900)));
        assertThat(vm.headlineProperty().get())
                .isEqualTo("Time to text: 0.42 s (p50 of 3 sentences in the last 60 s), within the 0.6 s goal");

        vm.publish(List.of(
                new LatencySample(LatencyMetric.SPEECH_START_TO_FIRST_PARTIAL, 10, 410),
                new LatencySample(LatencyMetric.SPEECH_END_TO_FINAL, 12, 950),
                new LatencySample(LatencyMetric.SPEECH_END_TO_FINAL, 14, 1000)));
        assertThat(vm.headlineProperty().get())
                .isEqualTo("Time to text: 0.90 s (p50 of 5 sentences in the last 60 s), above the 0.6 s goal"
                        + " · first words 0.41 s after you start speaking");

        vm.clear();
        assertThat(vm.headlineProperty().get()).isEqualTo(LatencyViewModel.NOT_MEASURED);
    }
}
