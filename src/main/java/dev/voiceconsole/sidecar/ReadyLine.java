package dev.voiceconsole.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The one JSON line a sidecar prints on stdout once its model is loaded and it accepts calls, e.g.
 * {@code {"event":"ready","port":43121,"pid":4242,"token_required":true,"tls":false,"worker_id":"sidecar-1a2b3c4d","protocol_version":1}}.
 * The supervisor learns the port from it (the sidecar may have picked a free one) and the worker id it must find
 * when it connects. {@code "metrics_port"} is there only when the sidecar serves metrics ({@code --metrics-port}).
 *
 * @param metricsPort 0 when the sidecar serves no metrics
 */
public record ReadyLine(
        int port, long pid, boolean tokenRequired, boolean tls, String workerId, int protocolVersion, int metricsPort) {

    public ReadyLine(int port, long pid, boolean tokenRequired, boolean tls, String workerId, int protocolVersion) {
        this(port, pid, tokenRequired, tls, workerId, protocolVersion, 0);
    }

    public ReadyLine withMetricsPort(int value) {
        return new ReadyLine(port, pid, tokenRequired, tls, workerId, protocolVersion, value);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("event", "ready");
        node.put("port", port);
        node.put("pid", pid);
        node.put("token_required", tokenRequired);
        node.put("tls", tls);
        node.put("worker_id", workerId);
        node.put("protocol_version", protocolVersion);
        if (metricsPort > 0) {
            node.put("metrics_port", metricsPort);
        }
        return node.toString();
    }

    /** The ready line in {@code line}, or empty when the line is something else (a stray print, a banner). */
    public static Optional<ReadyLine> parse(String line) {
        if (line == null || !line.strip().startsWith("{")) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
        if (!node.isObject()
                || !"ready".equals(node.path("event").asText())
                || !node.path("port").canConvertToInt()
                || node.path("port").asInt() < 1
                || node.path("port").asInt() > 65_535) {
            return Optional.empty();
        }
        return Optional.of(new ReadyLine(
                node.get("port").asInt(),
                node.path("pid").asLong(-1),
                node.path("token_required").asBoolean(false),
                node.path("tls").asBoolean(false),
                node.path("worker_id").asText(""),
                node.path("protocol_version").asInt(0),
                node.path("metrics_port").asInt(0)));
    }
}
