package dev.voiceconsole.models;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;

/**
 * A failed transfer said the way a person can act on it. Java's HTTP client often throws exceptions without a
 * message (a refused connection is a bare {@code ConnectException}), so the type and the cause say what happened.
 */
public final class NetworkFailure {

    private NetworkFailure() {}

    /** "cannot connect to example.org:443: nothing answers there (is the network up?)", and the like. */
    public static String describe(IOException e, URI url) {
        String host = url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return url.getHost() + " cannot be found: no network connection, or no name server answers";
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to " + host + ": the network is down or blocks it";
            }
            if (t instanceof HttpConnectTimeoutException) {
                return "cannot connect to " + host + ": it does not answer (is the network up?)";
            }
            if (t instanceof ConnectException) {
                return "cannot connect to " + host + ": nothing answers there (is the network up?)";
            }
            if (t instanceof HttpTimeoutException) {
                return host + " stopped answering";
            }
            if (t instanceof SSLException) {
                return "the secure connection to " + host + " failed: " + message(t);
            }
        }
        return message(e);
    }

    private static String message(Throwable t) {
        return t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
    }
}
