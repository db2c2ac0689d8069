package dev.voiceconsole.engine;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** The segments of one decode, how long the native call took, and the language it transcribed as. */
public record DecodeResult(List<DecodedSegment> segments, double inferenceMs, SpokenLanguage language) {

    public DecodeResult {
        segments = List.copyOf(segments);
        Objects.requireNonNull(language, "language");
    }

    /** A result from an engine that does not say which language it heard. */
    public DecodeResult(List<DecodedSegment> segments, double inferenceMs) {
        this(segments, inferenceMs, SpokenLanguage.UNKNOWN);
    }

    /** All segment texts joined by single spaces, trimmed. */
    public String text() {
        return segments.stream()
                .map(s -> s.text().strip())
                .filter(t -> !t.isEmpty())
                .collect(Collectors.joining(" "));
    }
}
