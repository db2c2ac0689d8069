package dev.voiceconsole.metrics;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Counts every call that ends with a status other than OK, by code. Installed outside the token check, it also
 * counts calls refused as UNAUTHENTICATED: a misconfigured token is the first thing an operator looks for.
 */
public final class FailedCallInterceptor implements ServerInterceptor {

    private final PrometheusWorkerMetrics metrics;

    public FailedCallInterceptor(PrometheusWorkerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        return next.startCall(
                new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
                    @Override
                    public void close(Status status, Metadata trailers) {
                        if (!status.isOk()) {
                            metrics.callFailed(status.getCode().name());
                        }
                        super.close(status, trailers);
                    }
                },
                headers);
    }
}
