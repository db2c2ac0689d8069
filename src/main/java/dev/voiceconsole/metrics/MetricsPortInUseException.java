package dev.voiceconsole.metrics;

import java.io.IOException;
import java.net.InetSocketAddress;

/** The metrics port is taken by another process. */
public final class MetricsPortInUseException extends IOException {

    public MetricsPortInUseException(InetSocketAddress address, Throwable cause) {
        super(
                "metrics port " + address.getPort() + " on "
                        + address.getAddress().getHostAddress()
                        + " is already in use; pick another --metrics-port, or --metrics-port 0 for a free one",
                cause);
    }
}
