package dev.voiceconsole.metrics;

import dev.voiceconsole.net.PortProbe;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Optional;

/** The Prometheus scrape endpoint: {@code GET /metrics} (text format) and {@code GET /-/healthy}. */
public final class MetricsServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);

    private final HTTPServer server;
    private final InetSocketAddress address;

    private MetricsServer(HTTPServer server, InetSocketAddress address) {
        this.server = server;
        this.address = address;
    }

    /** @throws MetricsPortInUseException when the port is taken */
    public static MetricsServer start(MetricsEndpoint endpoint, PrometheusRegistry registry) throws IOException {
        InetSocketAddress requested = endpoint.address();
        HTTPServer server;
        try {
            server = HTTPServer.builder().inetAddress(requested.getAddress()).port(requested.getPort())
                    .registry(registry).buildAndStart();
        } catch (BindException e) {
            throw new MetricsPortInUseException(requested, e);
        }
        InetSocketAddress bound = new InetSocketAddress(requested.getAddress(), server.getPort());
        if (endpoint.loopback()) {
            log.info("metrics on http://{}:{}/metrics", bound.getAddress().getHostAddress(), bound.getPort());
        } else {
            log.warn("metrics on http://{}:{}/metrics, reachable from the network without a token (--metrics-host)",
                    bound.getAddress().getHostAddress(), bound.getPort());
        }
        return new MetricsServer(server, bound);
    }

    /** Fails fast on a busy port, before the slow model load. */
    public static void requirePortFree(MetricsEndpoint endpoint) throws MetricsPortInUseException {
        Optional<BindException> busy = PortProbe.busy(endpoint.address());
        if (busy.isPresent()) {
            throw new MetricsPortInUseException(endpoint.address(), busy.get());
        }
    }

    public int port() {
        return address.getPort();
    }

    public InetSocketAddress address() {
        return address;
    }

    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "metrics endpoint " + address;
    }
}
