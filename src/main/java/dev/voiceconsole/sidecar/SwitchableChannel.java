package dev.voiceconsole.sidecar;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.MethodDescriptor;

/**
 * The one channel a supervised worker's callers hold: after a restart or a fallback it leads to the new worker,
 * so clients need not be rebuilt. Calls in flight on the old worker fail with its status.
 */
final class SwitchableChannel extends Channel {

    private volatile Channel target;

    SwitchableChannel(Channel target) {
        this.target = target;
    }

    void switchTo(Channel next) {
        this.target = next;
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
