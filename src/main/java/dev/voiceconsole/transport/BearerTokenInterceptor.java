package dev.voiceconsole.transport;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Refuses every call (worker, health, reflection alike) that does not carry {@code authorization: Bearer <token>}
 * with the expected token. Registered on the server builder, so no service can forget it.
 */
public final class BearerTokenInterceptor implements ServerInterceptor {

    public static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    static final String SCHEME = "Bearer ";

    private final byte[] expected;

    public BearerTokenInterceptor(String token) {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("the bearer token must not be empty");
        }
        this.expected = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
            ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
        String header = headers.get(AUTHORIZATION);
        String problem = problemWith(header);
        if (problem != null) {
            call.close(Status.UNAUTHENTICATED.withDescription(problem), new Metadata());
            return new ServerCall.Listener<>() {};
        }
        return next.startCall(call, headers);
    }

    private String problemWith(String header) {
        if (header == null) {
            return "missing bearer token: send metadata 'authorization: Bearer <token>' "
                    + "(the token the worker was started with, e.g. from VOICE_CONSOLE_TOKEN)";
        }
        if (!header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return "unsupported authorization scheme: expected 'Bearer <token>'";
        }
        byte[] presented = header.substring(SCHEME.length()).strip().getBytes(StandardCharsets.UTF_8);
        // Constant time, so the response time does not reveal how much of a guessed token was right.
        if (!MessageDigest.isEqual(expected, presented)) {
            return "wrong bearer token";
        }
        return null;
    }
}
