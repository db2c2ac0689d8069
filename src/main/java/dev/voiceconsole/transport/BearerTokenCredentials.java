package dev.voiceconsole.transport;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import java.util.Objects;
import java.util.concurrent.Executor;

/** Client side of {@link BearerTokenInterceptor}: attaches the token to every call on a channel. */
public final class BearerTokenCredentials extends CallCredentials {

    private final String token;

    public BearerTokenCredentials(String token) {
        this.token = Objects.requireNonNull(token, "token");
    }

    @Override
    public void applyRequestMetadata(RequestInfo requestInfo, Executor appExecutor, MetadataApplier applier) {
        Metadata headers = new Metadata();
        headers.put(BearerTokenInterceptor.AUTHORIZATION, BearerTokenInterceptor.SCHEME + token);
        applier.apply(headers);
    }

    @Override
    public String toString() {
        return "BearerTokenCredentials[token hidden]";
    }
}
