package dev.voiceconsole.net;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks a listening address before slow start-up work (a model load), so a busy port fails at once. */
public final class PortProbe {

    private static final Logger log = LoggerFactory.getLogger(PortProbe.class);

    private PortProbe() {}

    /**
     * The bind failure when something already listens on {@code address}; empty when it is free, for port 0, and
     * when the probe cannot tell (e.g. an address this host does not have: the real bind reports that).
     */
    public static Optional<BindException> busy(InetSocketAddress address) {
        if (address.getPort() == 0) {
            return Optional.empty();
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(address);
            return Optional.empty();
        } catch (BindException e) {
            return Optional.of(e);
        } catch (IOException e) {
            log.debug("port probe of {} failed: {}", address, e.toString());
            return Optional.empty();
        }
    }
}
