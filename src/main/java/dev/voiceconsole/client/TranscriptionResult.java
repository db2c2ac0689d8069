package dev.voiceconsole.client;

import dev.voiceconsole.proto.v1.FinalSegment;
import java.util.List;
import java.util.stream.Collectors;

/** The finals of a whole recording, in order, with what the transfer cost. */
public record TranscriptionResult(
        String sessionId, List<FinalSegment> segments, double audioSeconds, RoundTripStats roundTrips) {

    public TranscriptionResult {
        segments = List.copyOf(segments);
    }

    /** Segment texts joined by single spaces. */
    public String text() {
        return segments.stream()
                .map(s -> s.getText().strip())
                .filter(t -> !t.isEmpty())
                .collect(Collectors.joining(" "));
    }
}
