package dev.voiceconsole.transport;

import io.grpc.InsecureServerCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Where a sidecar listens, and how. Plain text is only allowed on the loopback interface: anything else would put
 * the token (and the user's audio) on the network in clear, so a non-loopback address requires TLS.
 */
public record ListenEndpoint(InetSocketAddress address, Optional<TlsFiles> tls) {

    /**
     * The endpoint for a host and port (0 picks a free one), with TLS when its files are given.
     *
     * @throws IllegalArgumentException for an unknown host, a port out of range, or a non-loopback address without TLS
     */
    public static ListenEndpoint of(String host, int port, Optional<TlsFiles> tls) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535 (0 = pick a free one), was " + port);
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host '" + host + "'", e);
        }
        if (!address.isLoopbackAddress() && tls.isEmpty()) {
            throw new IllegalArgumentException("refusing to listen on " + host + " without TLS: a non-loopback address "
                    + "exposes the worker to the network; pass --tls-cert and --tls-key, or listen on 127.0.0.1");
        }
        tls.ifPresent(TlsFiles::requireReadable);
        return new ListenEndpoint(new InetSocketAddress(address, port), tls);
    }

    public boolean loopback() {
        return address.getAddress().isLoopbackAddress();
    }

    /** A Netty server builder bound to this endpoint, with TLS when configured. */
    public NettyServerBuilder serverBuilder() throws IOException {
        ServerCredentials credentials = InsecureServerCredentials.create();
        if (tls.isPresent()) {
            credentials = TlsServerCredentials.create(
                    tls.get().certificateChain().toFile(),
                    tls.get().privateKey().toFile());
        }
        return NettyServerBuilder.forAddress(address, credentials);
    }
}
