package dev.voiceconsole.ui.latency;

/** The latencies testers watch while dictating. */
public enum LatencyMetric {
    CHUNK_ROUND_TRIP("Chunk round trip", "chunk_round_trip", "every audio chunk sent while you dictate", 0),
    QUEUE_WAIT("Worker queue wait", "queue_wait", "every decode while you dictate", 0),
    INFERENCE("Inference per decode", "inference", "every decode while you dictate", 0),
    SPEECH_START_TO_FIRST_PARTIAL(
            "Speech start → first partial",
            "speech_start_to_first_partial",
            "the first words of each thing you say, as they appear",
            0),
    SPEECH_END_TO_FINAL(
            "Speech end → final",
            "speech_end_to_final",
            "each sentence you say, when it becomes final text",
            LatencyViewModel.TIME_TO_TEXT_GOAL_MS);

    private final String label;
    private final String csvName;
    private final String measuredFor;
    private final double goalMs;

    LatencyMetric(String label, String csvName, String measuredFor, double goalMs) {
        this.label = label;
        this.csvName = csvName;
        this.measuredFor = measuredFor;
        this.goalMs = goalMs;
    }

    /** What a sample is taken for, so an empty chart can say what fills it. */
    public String measuredFor() {
        return measuredFor;
    }

    /** The goal the chart draws as a line, in ms; empty when the metric has none. */
    public java.util.OptionalDouble goalMs() {
        return goalMs > 0 ? java.util.OptionalDouble.of(goalMs) : java.util.OptionalDouble.empty();
    }

    public String label() {
        return label;
    }

    public String csvName() {
        return csvName;
    }
}
