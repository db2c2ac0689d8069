package dev.voiceconsole.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A connection that sends the HTTP/2 preface and an empty SETTINGS frame, then nothing: no call, no token. Thousands
 * of them are what exhausted a sidecar's descriptors before it capped its connections.
 */
public final class IdleHttp2Connection implements AutoCloseable {

    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY_SETTINGS = {0, 0, 0, 4, 0, 0, 0, 0, 0};

    private final Socket socket;
    private final boolean closedWhileWriting;

    private IdleHttp2Connection(Socket socket, boolean closedWhileWriting) {
        this.socket = socket;
        this.closedWhileWriting = closedWhileWriting;
    }

    /**
     * Connects to {@code port} on loopback and sends the preface and the empty SETTINGS frame.
     *
     * @param readTimeout how long {@link #servedOrClosed()} waits before it fails (neither served nor closed)
     */
    public static IdleHttp2Connection open(int port, Duration readTimeout) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout((int) readTimeout.toMillis());
        try {
            socket.getOutputStream().write(PREFACE);
            socket.getOutputStream().write(EMPTY_SETTINGS);
            return new IdleHttp2Connection(socket, false);
        } catch (SocketException closedAtAccept) {
            // A refused connection can be closed before the preface is written: writing to it then fails with a
            // broken pipe or a reset, which is the same answer as reading its end.
            return new IdleHttp2Connection(socket, true);
        }
    }

    /**
     * Waits for the server's answer: true once its first byte (its SETTINGS) arrives, false when it closed or reset
     * the connection instead.
     *
     * @throws java.net.SocketTimeoutException when it did neither within the read timeout
     */
    public boolean servedOrClosed() throws IOException {
        if (closedWhileWriting) {
            return false;
        }
        try {
            return socket.getInputStream().read() >= 0;
        } catch (SocketException reset) { // a timeout is no SocketException: it stays a failure
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
