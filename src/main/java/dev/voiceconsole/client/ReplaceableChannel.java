package dev.voiceconsole.client;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.MethodDescriptor;

/**
 * The one channel a replaceable worker's callers hold: after a restart or a fallback it leads to the new worker, so
 * clients need not be rebuilt, and the move is announced in the same call, so recovering sessions follow it. Calls
 * in flight on the old worker fail with its status.
 */
public final class ReplaceableChannel extends Channel {

    private final AnnouncedReplacements replacements = new AnnouncedReplacements();
    private volatile Channel target;

    public ReplaceableChannel(Channel target) {
        this.target = target;
    }

    /** Leads new calls to {@code next}, then tells whoever listens to {@link #replacements()} to move there. */
    public void switchTo(Channel next) {
        target = next;
        replacements.announce();
    }

    public WorkerReplacements replacements() {
        return replacements;
    }

    @Override
    public <ReqT, RespT> ClientCall<ReqT, RespT> newCall(MethodDescriptor<ReqT, RespT> method, CallOptions options) {
        return target.newCall(method, options);
    }

    @Override
    public String authority() {
        return target.authority();
    }
}
