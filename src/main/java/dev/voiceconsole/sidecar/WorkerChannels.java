package dev.voiceconsole.sidecar;

import dev.voiceconsole.transport.BearerTokenCredentials;
import io.grpc.ChannelCredentials;
import io.grpc.CompositeChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Channels to a worker behind a socket: plain text on loopback or TLS, with the bearer token on every call. */
public final class WorkerChannels {

    private WorkerChannels() {}

    /**
     * A channel to the worker at {@code target}; nothing connects until the first call.
     *
     * @param target     {@code host:port}
     * @param token      empty = send none (the worker will answer UNAUTHENTICATED)
     * @param trustedCertificate PEM certificate(s) to trust: TLS when present, plain text when empty
     */
    public static ManagedChannel open(String target, Optional<String> token, Optional<Path> trustedCertificate)
            throws IOException {
        ChannelCredentials transport = trustedCertificate.isPresent()
                ? TlsChannelCredentials.newBuilder()
                        .trustManager(trustedCertificate.get().toFile())
                        .build()
                : InsecureChannelCredentials.create();
        ChannelCredentials credentials = token.<ChannelCredentials>map(
                        t -> CompositeChannelCredentials.create(transport, new BearerTokenCredentials(t)))
                .orElse(transport);
        return Grpc.newChannelBuilder(target, credentials).build();
    }

    /** Plain text to a sidecar on this machine's loopback interface. */
    public static ManagedChannel loopback(int port, String token) {
        try {
            return open("127.0.0.1:" + port, Optional.of(token), Optional.empty());
        } catch (IOException e) {
            throw new IllegalStateException("plain-text channel needs no files", e);
        }
    }
}
