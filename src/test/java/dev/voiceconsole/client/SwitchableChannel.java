package dev.voiceconsole.client;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.MethodDescriptor;

/** A channel a test re-points to another worker, with the announcement a supervisor would make. */
final class SwitchableChannel extends Channel {
    private volatile Channel target;
    final AnnouncedReplacements replacements = new AnnouncedReplacements();

    SwitchableChannel(Channel target) {
        this.target = target;
    }

    void switchTo(Channel next) {
        target = next;
        replacements.announce();
    }

    @Override
    public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
        return target.newCall(method, options);
    }

    @Override
    public String authority() {
        return target.authority();
    }
}
