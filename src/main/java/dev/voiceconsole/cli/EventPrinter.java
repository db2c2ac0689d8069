package dev.voiceconsole.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.voiceconsole.audio.EpochMicros;
import dev.voiceconsole.client.RoundTripStats;
import dev.voiceconsole.client.StreamListener;
import dev.voiceconsole.client.TranscriptionResult;
import dev.voiceconsole.proto.v1.StreamEvent;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Prints each worker event as one JSON line, with the client-side latency a tester wants next to the worker's
 * own timings: {@code latency_ms} is "now" minus the capture time of the audio that produced the event.
 */
final class EventPrinter implements StreamListener {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFormat.Printer PROTO_JSON =
            JsonFormat.printer().omittingInsignificantWhitespace().preservingProtoFieldNames();

    private final PrintWriter out;
    private final boolean includeAcks;

    EventPrinter(PrintWriter out, boolean includeAcks) {
        this.out = out;
        this.includeAcks = includeAcks;
    }

    @Override
    public void onEvent(StreamEvent event) {
        if (event.hasAck() && !includeAcks) {
            return;
        }
        long nowUs = EpochMicros.now();
        try {
            ObjectNode line = JSON.createObjectNode();
            line.put("type", event.getKindCase().name().toLowerCase(Locale.ROOT));
            line.setAll((ObjectNode) JSON.readTree(PROTO_JSON.print(event)));
            line.put("client_received_us", nowUs);
            if (event.getCaptureTimeUs() > 0) {
                line.put("latency_ms", (nowUs - event.getCaptureTimeUs()) / 1000.0);
            }
            print(line);
        } catch (InvalidProtocolBufferException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot print event as JSON", e);
        }
    }

    /** @param workerMode what the worker says it is, e.g. {@code sidecar} or {@code embedded (fallback: …)} */
    void printSummary(TranscriptionResult result, String workerMode) {
        RoundTripStats rtt = result.roundTrips();
        ObjectNode line = JSON.createObjectNode();
        line.put("type", "summary");
        line.put("worker_mode", workerMode);
        line.put("session_id", result.sessionId());
        line.put("audio_seconds", result.audioSeconds());
        line.put("final_segments", result.segments().size());
        line.put("text", result.text());
        ObjectNode chunks = line.putObject("chunk_round_trip_ms");
        chunks.put("count", rtt.count());
        chunks.put("p50", rtt.p50Ms());
        chunks.put("p95", rtt.p95Ms());
        chunks.put("p99", rtt.p99Ms());
        chunks.put("max", rtt.maxMs());
        print(line);
    }

    private synchronized void print(ObjectNode line) {
        out.println(line.toString());
        out.flush();
    }
}
