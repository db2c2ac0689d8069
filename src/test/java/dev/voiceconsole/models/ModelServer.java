package dev.voiceconsole.models;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A real HTTP server on loopback serving model files, with the faults a download must survive. */
public final class ModelServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    /** The Range header of every request ("" when none), in order. */
    public final List<String> ranges = new CopyOnWriteArrayList<>();
    /** The next response stops after this many body bytes and drops the connection (-1: never). */
    public final AtomicLong dropNextAfter = new AtomicLong(-1);
    /** The next response stops after this many body bytes and keeps the connection open, silent (-1: never). */
    public final AtomicLong stallNextAfter = new AtomicLong(-1);
    /** Counted down once a response has stalled: the client has every byte it will get from it. */
    public final CountDownLatch stalled = new CountDownLatch(1);

    public volatile boolean ignoreRange;
    private final CountDownLatch closing = new CountDownLatch(1);
    // A stalled response holds its thread; the others must still be served.
    private final ExecutorService handlers = Executors.newCachedThreadPool();

    public ModelServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    public void put(String fileName, byte[] content) {
        files.put(fileName, content);
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/models");
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] content = files.get(path.substring(path.lastIndexOf('/') + 1));
        String range = exchange.getRequestHeaders().getFirst("Range");
        ranges.add(range == null ? "" : range);
        if (content == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        int from = 0;
        if (range != null && !ignoreRange) {
            from = Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
            if (from >= content.length) {
                exchange.getResponseHeaders().add("Content-Range", "bytes */" + content.length);
                exchange.sendResponseHeaders(416, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders()
                    .add("Content-Range", "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
            exchange.sendResponseHeaders(206, content.length - from);
        } else {
            exchange.sendResponseHeaders(200, content.length);
        }
        long drop = dropNextAfter.getAndSet(-1);
        long stall = stallNextAfter.getAndSet(-1);
        OutputStream out = exchange.getResponseBody();
        long cut = drop >= 0 ? drop : stall;
        int end = cut < 0 ? content.length : (int) Math.min(content.length, from + cut);
        out.write(content, from, end - from);
        out.flush();
        if (stall >= 0) {
            stalled.countDown();
            try {
                closing.await(); // silent until the test is over
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("stalled response ended with the server");
        }
        if (end < content.length) {
            // Thrown out of the handler, so the server drops the connection with the body unfinished.
            throw new IOException("dropping the connection on purpose after " + (end - from) + " bytes");
        }
        out.close();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        handlers.shutdown();
        try {
            handlers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
