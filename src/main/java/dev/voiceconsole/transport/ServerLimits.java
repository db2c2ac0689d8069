package dev.voiceconsole.transport;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * What one socket connection may cost the worker. Without these, grpc-java keeps a connection that never makes a
 * call forever, lets one connection open any number of streams, and never notices a client that stopped answering
 * (a SIGSTOPped app holding its session slot).
 *
 * @param handshakeTimeout a connection must finish its HTTP/2 (and TLS) set-up within this
 * @param maxConnectionIdle a connection without a call for this long is closed (gracefully: GOAWAY)
 * @param maxConnectionAge a connection older than this is asked to go away; its running calls may finish
 *                         (no grace limit: a dictation is never cut for its connection's age)
 * @param maxConcurrentCallsPerConnection streams one connection may have open; more wait on the client side
 * @param keepAliveTime the server pings a connection silent for this long ...
 * @param keepAliveTimeout ... and closes it when the ping is not answered within this, which cancels its streams
 *                         and so releases their sessions
 * @param permitKeepAliveTime clients may ping this often (also without calls); faster pingers are sent away
 * @param maxInboundMessageBytes the transport's hard limit on one message: chunks above the session's
 *                               {@code max_chunk_bytes} but within this are refused in the session (ErrorEvent,
 *                               the stream goes on); larger ones end the stream with RESOURCE_EXHAUSTED
 * @param maxConnections connections open at once; more are closed as soon as they are accepted (see
 *                       {@link ConnectionCap}, which also keeps it below half the descriptors left)
 */
public record ServerLimits(
        Duration handshakeTimeout,
        Duration maxConnectionIdle,
        Duration maxConnectionAge,
        int maxConcurrentCallsPerConnection,
        Duration keepAliveTime,
        Duration keepAliveTimeout,
        Duration permitKeepAliveTime,
        int maxInboundMessageBytes,
        int maxConnections) {

    /** 4 x the largest chunk limit a worker may have, so every oversized chunk of a sane client gets its ErrorEvent. */
    public static final int MAX_INBOUND_MESSAGE_BYTES = 16 * 1024 * 1024;

    public ServerLimits {
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(maxConnectionIdle, "maxConnectionIdle");
        Objects.requireNonNull(maxConnectionAge, "maxConnectionAge");
        Objects.requireNonNull(keepAliveTime, "keepAliveTime");
        Objects.requireNonNull(keepAliveTimeout, "keepAliveTimeout");
        Objects.requireNonNull(permitKeepAliveTime, "permitKeepAliveTime");
        if (maxConcurrentCallsPerConnection < 1) {
            throw new IllegalArgumentException(
                    "max concurrent calls per connection must be positive, was " + maxConcurrentCallsPerConnection);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max connections must be positive, was " + maxConnections);
        }
        if (maxInboundMessageBytes < 1) {
            throw new IllegalArgumentException(
                    "max inbound message size must be positive, was " + maxInboundMessageBytes);
        }
    }

    /**
     * For a worker on one machine with a handful of clients. A client uses one connection with a few calls (a
     * session's stream, StopSession, health every 2 s), so 100 calls per connection is far above any real use; the
     * supervisor's health checks keep its connection from ever being idle. 256 connections serve a cluster's
     * gateways and every app on a machine many times over.
     */
    public static ServerLimits defaults() {
        return new ServerLimits(
                Duration.ofSeconds(10),
                Duration.ofMinutes(2),
                Duration.ofMinutes(30),
                100,
                Duration.ofSeconds(20),
                Duration.ofSeconds(10),
                Duration.ofSeconds(5),
                MAX_INBOUND_MESSAGE_BYTES,
                256);
    }

    /** The same with the keep-alive probe changed (tests of a client that stops answering). */
    public ServerLimits withKeepAlive(Duration time, Duration timeout) {
        return new ServerLimits(
                handshakeTimeout,
                maxConnectionIdle,
                maxConnectionAge,
                maxConcurrentCallsPerConnection,
                time,
                timeout,
                permitKeepAliveTime,
                maxInboundMessageBytes,
                maxConnections);
    }

    public ServerLimits withMaxConnections(int value) {
        return new ServerLimits(
                handshakeTimeout,
                maxConnectionIdle,
                maxConnectionAge,
                maxConcurrentCallsPerConnection,
                keepAliveTime,
                keepAliveTimeout,
                permitKeepAliveTime,
                maxInboundMessageBytes,
                value);
    }

    void applyTo(NettyServerBuilder builder) {
        builder.handshakeTimeout(handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .maxConnectionIdle(maxConnectionIdle.toMillis(), TimeUnit.MILLISECONDS)
                .maxConnectionAge(maxConnectionAge.toMillis(), TimeUnit.MILLISECONDS)
                .maxConcurrentCallsPerConnection(maxConcurrentCallsPerConnection)
                .keepAliveTime(keepAliveTime.toMillis(), TimeUnit.MILLISECONDS)
                .keepAliveTimeout(keepAliveTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .permitKeepAliveTime(permitKeepAliveTime.toMillis(), TimeUnit.MILLISECONDS)
                .permitKeepAliveWithoutCalls(true)
                .maxInboundMessageSize(maxInboundMessageBytes);
    }
}
