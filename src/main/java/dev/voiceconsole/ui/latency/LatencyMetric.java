package dev.voiceconsole.ui.latency;

/** The latencies testers watch while dictating. */
public enum LatencyMetric {
    CHUNK_ROUND_TRIP("Chunk round trip", "chunk_round_trip"),
    QUEUE_WAIT("Worker queue wait", "queue_wait"),
    INFERENCE("Inference per decode", "inference"),
    SPEECH_START_TO_FIRST_PARTIAL("Speech start → first partial", "speech_start_to_first_partial"),
    SPEECH_END_TO_FINAL("Speech end → final", "speech_end_to_final");

    private final String label;
    private final String csvName;

    LatencyMetric(String label, String csvName) {
        this.label = label;
        this.csvName = csvName;
    }

    public String label() {
        return label;
    }

    public String csvName() {
        return csvName;
    }
}
