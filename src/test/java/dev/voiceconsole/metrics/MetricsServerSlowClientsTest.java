package dev.voiceconsole.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceconsole.testing.WorkerTest;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Clients that open a connection and dribble (or never finish) their request must not stop the scrapes. */
@WorkerTest
class MetricsServerSlowClientsTest {

    private static final int SLOW_CLIENTS = 10;

    private final List<Socket> slow = new ArrayList<>();
    private MetricsServer server;

    @AfterEach
    void close() throws Exception {
        for (Socket s : slow) {
            s.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private Socket slowClient() throws Exception {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
        OutputStream out = s.getOutputStream();
        out.write("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII)); // never ends
        out.flush();
        slow.add(s);
        return s;
    }

    @Test
    void tenSlowClientsLeaveTheEndpointAnsweringAndAreCutOffAfterTheReadBudget() throws Exception {
        PrometheusWorkerMetrics metrics = new PrometheusWorkerMetrics("slow-clients-test");
        server = MetricsServer.start(MetricsEndpoint.of(MetricsEndpoint.DEFAULT_HOST, 0), metrics.registry());
        for (int i = 0; i < SLOW_CLIENTS; i++) {
            slowClient();
        }
        for (int i = 0; i < 3; i++) {
            Scrape scrape = Scrape.of(MetricsEndpoint.DEFAULT_HOST, server.port());
            assertThat(scrape.text()).contains("voiceconsole_active_sessions");
        }
        // Each slow connection is closed once its request has taken longer than the server allows: reading it
        // reaches the end of the stream (a read that stayed open would end in SocketTimeoutException instead).
        for (Socket s : slow) {
            s.setSoTimeout(10_000);
            assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
                    .satisfiesAnyOf(
                            answer -> assertThat(answer).isEmpty(),
                            answer -> assertThat(answer).startsWith("HTTP/1.1 408"));
        }
    }

    @Test
    void healthAndUnknownPathsAnswerToo() throws Exception {
        server = MetricsServer.start(
                MetricsEndpoint.of(MetricsEndpoint.DEFAULT_HOST, 0),
                new PrometheusWorkerMetrics("paths-test").registry());
        assertThat(get("/-/healthy")).startsWith("HTTP/1.1 200").contains("Exporter is healthy.");
        assertThat(get("/nothing")).startsWith("HTTP/1.1 404");
        assertThat(get("/metrics?name[]=voiceconsole_active_sessions"))
                .startsWith("HTTP/1.1 200")
                .contains("Content-Type: text/plain; version=0.0.4; charset=utf-8");
    }

    private String get(String path) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.getOutputStream()
                    .write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            s.setSoTimeout(10_000);
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
