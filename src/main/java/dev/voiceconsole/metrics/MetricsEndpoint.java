package dev.voiceconsole.metrics;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Where the metrics endpoint listens. Loopback unless the operator names another address: the endpoint has no
 * token and no TLS, and while its numbers hold no audio or text, they say when someone is dictating.
 */
public record MetricsEndpoint(InetSocketAddress address) {

    public static final String DEFAULT_HOST = "127.0.0.1";

    /**
     * The endpoint for a host name or address and a port (0 picks a free one).
     *
     * @throws IllegalArgumentException for an unknown host or a port out of range
     */
    public static MetricsEndpoint of(String host, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("metrics port must be 0..65535 (0 = pick a free one), was " + port);
        }
        try {
            return new MetricsEndpoint(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown metrics host '" + host + "'", e);
        }
    }

    public boolean loopback() {
        return address.getAddress().isLoopbackAddress();
    }
}
