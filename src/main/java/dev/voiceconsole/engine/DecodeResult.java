package dev.voiceconsole.engine;

import java.util.List;
import java.util.stream.Collectors;

/** The segments of one decode and how long the native call took. */
public record DecodeResult(List<DecodedSegment> segments, double inferenceMs) {

    public DecodeResult {
        segments = List.copyOf(segments);
    }

    /** All segment texts joined by single spaces, trimmed. */
    public String text() {
        return segments.stream()
                .map(s -> s.text().strip())
                .filter(t -> !t.isEmpty())
                .collect(Collectors.joining(" "));
    }
}
