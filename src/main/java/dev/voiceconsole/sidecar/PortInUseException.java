package dev.voiceconsole.sidecar;

import java.io.IOException;
import java.net.InetSocketAddress;

/** The sidecar's port is taken by another process. */
public final class PortInUseException extends IOException {

    public PortInUseException(InetSocketAddress address, Throwable cause) {
        super(
                "port " + address.getPort() + " on " + address.getAddress().getHostAddress()
                        + " is already in use; pick another --port, or --port 0 for a free one",
                cause);
    }
}
