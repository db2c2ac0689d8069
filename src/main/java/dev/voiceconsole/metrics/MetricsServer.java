package dev.voiceconsole.metrics;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import dev.voiceconsole.net.PortProbe;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Prometheus scrape endpoint: {@code GET /metrics} (text format) and {@code GET /-/healthy}, one request per
 * connection.
 *
 * <p>A small server of its own rather than the exporter's {@code HTTPServer}: that one reads each request on one of
 * ten pool threads with no time limit, so ten clients that open a connection and never finish their request stop
 * every scrape. Here each connection gets {@link #REQUEST_BUDGET} to deliver its request head (then it is closed),
 * connections are served concurrently by up to {@link #MAX_CONNECTIONS} threads, and one beyond that is closed at
 * once instead of waiting in a queue behind slow ones.
 *
 * <p>Threads: one "metrics-accept" thread; one "metrics-connection" thread per open connection, ended with it.
 */
public final class MetricsServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);
    /** How long a client may take to send its request line and headers. */
    static final Duration REQUEST_BUDGET = Duration.ofSeconds(2);

    static final int MAX_CONNECTIONS = 32;
    /** A scrape request is one line and a few headers; more is not a scrape. */
    private static final int MAX_REQUEST_HEAD_BYTES = 8 * 1024;

    private final ServerSocket socket;
    private final InetSocketAddress address;
    private final PrometheusRegistry registry;
    private final PrometheusTextFormatWriter format = PrometheusTextFormatWriter.create();
    private final ThreadPoolExecutor connections = new ThreadPoolExecutor(
            0,
            MAX_CONNECTIONS,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            new ThreadFactoryBuilder()
                    .setNameFormat("metrics-connection-%d")
                    .setDaemon(true)
                    .build());
    private final Thread acceptor;

    private MetricsServer(ServerSocket socket, InetSocketAddress address, PrometheusRegistry registry) {
        this.socket = socket;
        this.address = address;
        this.registry = registry;
        this.acceptor = new Thread(this::acceptLoop, "metrics-accept");
        acceptor.setDaemon(true);
    }

    /**
     * Binds the endpoint and starts answering scrapes on a daemon thread.
     *
     * @throws MetricsPortInUseException when the port is taken
     */
    public static MetricsServer start(MetricsEndpoint endpoint, PrometheusRegistry registry) throws IOException {
        InetSocketAddress requested = endpoint.address();
        ServerSocket socket = new ServerSocket();
        try {
            socket.bind(requested, 64);
        } catch (BindException e) {
            socket.close();
            throw new MetricsPortInUseException(requested, e);
        }
        InetSocketAddress bound = new InetSocketAddress(requested.getAddress(), socket.getLocalPort());
        MetricsServer server = new MetricsServer(socket, bound, registry);
        server.acceptor.start();
        if (endpoint.loopback()) {
            log.info("metrics on http://{}:{}/metrics", bound.getAddress().getHostAddress(), bound.getPort());
        } else {
            log.warn(
                    "metrics on http://{}:{}/metrics, reachable from the network without a token (--metrics-host)",
                    bound.getAddress().getHostAddress(),
                    bound.getPort());
        }
        return server;
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

    private void acceptLoop() {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    log.warn("metrics endpoint: accept failed: {}", e.getMessage());
                }
                continue;
            }
            try {
                connections.execute(() -> serve(client));
            } catch (RejectedExecutionException e) {
                log.debug("metrics endpoint: {} connections open, closing a new one", MAX_CONNECTIONS);
                closeQuietly(client);
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            long deadline = System.nanoTime() + REQUEST_BUDGET.toNanos();
            Optional<String> requestLine = readRequestHead(client, deadline);
            OutputStream out = client.getOutputStream();
            if (requestLine.isEmpty()) {
                respond(
                        out,
                        "408 Request Timeout",
                        "text/plain; charset=utf-8",
                        bytes("request not received in time\n"));
                return;
            }
            String[] parts = requestLine.get().split(" ", -1);
            String method = parts[0];
            String path = parts.length > 1 ? parts[1].replaceFirst("\\?.*", "") : "";
            if (!method.equals("GET") && !method.equals("HEAD")) {
                respond(out, "405 Method Not Allowed", "text/plain; charset=utf-8", bytes("GET only\n"));
            } else if (path.equals("/metrics") || path.equals("/")) {
                ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
                format.write(body, registry.scrape(), EscapingScheme.DEFAULT);
                respond(
                        out,
                        "200 OK",
                        format.getContentType(),
                        method.equals("HEAD") ? new byte[0] : body.toByteArray());
            } else if (path.equals("/-/healthy")) {
                respond(out, "200 OK", "text/plain; charset=utf-8", bytes("Exporter is healthy.\n"));
            } else {
                respond(out, "404 Not Found", "text/plain; charset=utf-8", bytes("not found: " + path + "\n"));
            }
        } catch (SocketException | SocketTimeoutException e) {
            log.debug("metrics endpoint: connection dropped: {}", e.getMessage());
        } catch (IOException | RuntimeException e) {
            log.warn("metrics endpoint: a scrape failed: {}", e.toString());
        }
    }

    /**
     * The request line, once the whole head (up to the blank line) has arrived within the deadline; empty when the
     * client was too slow or sent something that is not a request head.
     */
    private static Optional<String> readRequestHead(Socket client, long deadline) throws IOException {
        InputStream in = client.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream(256);
        int matched = 0; // of "\r\n\r\n"
        while (matched < 4) {
            long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (leftMs <= 0 || head.size() > MAX_REQUEST_HEAD_BYTES) {
                return Optional.empty();
            }
            client.setSoTimeout((int) leftMs); // each read waits at most what is left of the budget
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            }
            if (b < 0) {
                return Optional.empty();
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1
                    : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        return Optional.of(text.substring(0, text.indexOf("\r\n")));
    }

    private static void respond(OutputStream out, String status, String contentType, byte[] body) throws IOException {
        String headers = "HTTP/1.1 " + status + "\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n";
        out.write(bytes(headers));
        out.write(body);
        out.flush();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            log.debug("closing a refused metrics connection: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("closing the metrics socket: {}", e.getMessage());
        }
        connections.shutdownNow();
        try {
            acceptor.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "metrics endpoint " + address;
    }
}
