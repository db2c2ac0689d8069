package dev.voiceconsole.transport;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most so many open connections on one server. gRPC has no such limit: connections that only send the HTTP/2
 * preface each hold a descriptor until the idle timeout, and once the process runs out of descriptors it can accept
 * nothing (not even the supervisor reconnecting) and logs "Too many open files" every second. Beyond the cap a
 * connection is closed as soon as it is accepted, so descriptors never run out and the connections already open,
 * the supervisor's among them, go on being served.
 *
 * <p>The cap is also kept below half the descriptors the process has left at start, so a low {@code ulimit -n}
 * lowers it instead of defeating it. Netty's NIO transport is used because its accept step can be extended; the
 * server owns the event loops, and {@link #close()} ends them after the server has terminated.
 */
final class ConnectionCap implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConnectionCap.class);
    private static final long REPORT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final int cap;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong lastReportNanos = new AtomicLong(System.nanoTime() - REPORT_EVERY_NANOS);
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;

    ConnectionCap(int configuredCap) {
        this.cap = Math.max(1, Math.min(configuredCap, descriptorsLeft() / 2));
        this.boss = new NioEventLoopGroup(1, daemonThreads("grpc-accept-%d"));
        this.workers = new NioEventLoopGroup(0, daemonThreads("grpc-nio-%d"));
    }

    void applyTo(NettyServerBuilder builder) {
        builder.bossEventLoopGroup(boss)
                .workerEventLoopGroup(workers)
                .channelFactory(() -> new CappedServerChannel(this));
    }

    int cap() {
        return cap;
    }

    /** Connections accepted and not yet closed. */
    int open() {
        return open.get();
    }

    /** Whether {@code child}, just accepted, may stay; counts it until it closes when so. */
    private boolean admit(Channel child) {
        if (open.incrementAndGet() > cap) {
            open.decrementAndGet();
            reportRefusal();
            return false;
        }
        // addListener returns the close future itself, for chaining: the listener is all that is wanted of it.
        var unused = child.closeFuture().addListener(f -> open.decrementAndGet());
        return true;
    }

    /** One line for a flood, not one per connection: the first refusal, then at most one every 10 s. */
    private void reportRefusal() {
        long count = refused.incrementAndGet();
        long now = System.nanoTime();
        long last = lastReportNanos.get();
        if (now - last >= REPORT_EVERY_NANOS && lastReportNanos.compareAndSet(last, now)) {
            log.warn("refusing connections: {} are open, the most this worker accepts ({} refused so far)", cap, count);
        }
    }

    @Override
    public void close() {
        for (EventLoopGroup group : List.of(boss, workers)) {
            // Not awaited: the server has stopped before this, and each loop ends on its own within the 1 s timeout.
            var unused = group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    private static int descriptorsLeft() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long left = unix.getMaxFileDescriptorCount() - unix.getOpenFileDescriptorCount();
            return (int) Math.min(Integer.MAX_VALUE, Math.max(2, left));
        }
        return Integer.MAX_VALUE;
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String nameFormat) {
        return new ThreadFactoryBuilder()
                .setDaemon(true)
                .setNameFormat(nameFormat)
                .build();
    }

    /** The NIO server channel with the cap applied where a connection is accepted. */
    private static final class CappedServerChannel extends NioServerSocketChannel {
        private final ConnectionCap cap;

        CappedServerChannel(ConnectionCap cap) {
            this.cap = cap;
        }

        @Override
        protected int doReadMessages(List<Object> buf) throws Exception {
            int before = buf.size();
            int read = super.doReadMessages(buf);
            for (int i = buf.size() - 1; i >= before; i--) {
                Channel child = (Channel) buf.get(i);
                if (!cap.admit(child)) {
                    buf.remove(i);
                    child.unsafe().closeForcibly();
                }
            }
            return read;
        }
    }
}
