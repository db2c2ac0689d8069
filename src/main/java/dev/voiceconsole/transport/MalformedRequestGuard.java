package dev.voiceconsole.transport;

import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.SecurityLevel;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses requests itself, so that a body that is not the method's protobuf message ends the call with
 * INVALID_ARGUMENT and one log line. grpc-java parses before any interceptor or service sees the message; its
 * failure there reaches the client as UNKNOWN "Application error processing RPC" and the log as a SEVERE
 * java.util.logging trace of some 40 lines, once per bad message.
 *
 * <p>Each method keeps its response marshaller; only the request side is read as bytes first. A refused streaming
 * call is reported to the service as cancelled, so whatever it held (a session's stream) is let go as for any
 * broken stream.
 */
final class MalformedRequestGuard {

    private static final Logger log = LoggerFactory.getLogger(MalformedRequestGuard.class);

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private MalformedRequestGuard() {}

    static ServerServiceDefinition guard(ServerServiceDefinition service) {
        ServiceDescriptor original = service.getServiceDescriptor();
        ServiceDescriptor.Builder descriptor =
                ServiceDescriptor.newBuilder(original.getName()).setSchemaDescriptor(original.getSchemaDescriptor());
        java.util.List<ServerMethodDefinition<?, ?>> methods = new java.util.ArrayList<>();
        for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
            ServerMethodDefinition<?, ?> guarded = guard(method);
            descriptor.addMethod(guarded.getMethodDescriptor());
            methods.add(guarded);
        }
        ServerServiceDefinition.Builder result = ServerServiceDefinition.builder(descriptor.build());
        methods.forEach(result::addMethod);
        return result.build();
    }

    private static <Q, R> ServerMethodDefinition<byte[], R> guard(ServerMethodDefinition<Q, R> method) {
        MethodDescriptor<Q, R> original = method.getMethodDescriptor();
        MethodDescriptor<byte[], R> raw =
                original.toBuilder(BYTES, original.getResponseMarshaller()).build();
        ServerCallHandler<byte[], R> handler = (call, headers) -> {
            TypedCall<Q, R> typed = new TypedCall<>(call, original);
            return new ParsingListener<>(
                    original, typed, method.getServerCallHandler().startCall(typed, headers));
        };
        return ServerMethodDefinition.create(raw, handler);
    }

    private static final class ParsingListener<Q, R> extends ServerCall.Listener<byte[]> {
        private final MethodDescriptor<Q, R> method;
        private final TypedCall<Q, R> call;
        private final ServerCall.Listener<Q> delegate;
        /** Set on the call's own serialized listener thread; nothing more reaches the service once set. */
        private boolean refused;

        ParsingListener(MethodDescriptor<Q, R> method, TypedCall<Q, R> call, ServerCall.Listener<Q> delegate) {
            this.method = method;
            this.call = call;
            this.delegate = delegate;
        }

        @Override
        public void onMessage(byte[] message) {
            if (refused) {
                return;
            }
            Q parsed;
            try {
                parsed = method.parseRequest(new ByteArrayInputStream(message));
            } catch (RuntimeException e) {
                refused = true;
                if (call.closed) {
                    return; // the service already ended the call (e.g. refused the stream): a late message is moot
                }
                Status status = StatusMapper.malformedRequest(method.getFullMethodName(), message.length, e);
                log.warn("{}", status.getDescription());
                call.close(status, new Metadata());
                delegate.onCancel();
                return;
            }
            delegate.onMessage(parsed);
        }

        @Override
        public void onHalfClose() {
            if (!refused) {
                delegate.onHalfClose();
            }
        }

        @Override
        public void onCancel() {
            if (!refused) {
                delegate.onCancel();
            }
        }

        @Override
        public void onComplete() {
            if (!refused) {
                delegate.onComplete();
            }
        }

        @Override
        public void onReady() {
            if (!refused) {
                delegate.onReady();
            }
        }
    }

    /** The byte-level call seen by the service as the typed call it was written for. */
    private static final class TypedCall<Q, R> extends ServerCall<Q, R> {
        private final ServerCall<byte[], R> raw;
        private final MethodDescriptor<Q, R> method;
        /** Closing twice is an error in grpc-java; the guard must not close a call the service has closed. */
        volatile boolean closed;

        TypedCall(ServerCall<byte[], R> raw, MethodDescriptor<Q, R> method) {
            this.raw = raw;
            this.method = method;
        }

        @Override
        public void request(int numMessages) {
            raw.request(numMessages);
        }

        @Override
        public void sendHeaders(Metadata headers) {
            raw.sendHeaders(headers);
        }

        @Override
        public void sendMessage(R message) {
            raw.sendMessage(message);
        }

        @Override
        public boolean isReady() {
            return raw.isReady();
        }

        @Override
        public void close(Status status, Metadata trailers) {
            closed = true;
            raw.close(status, trailers);
        }

        @Override
        public boolean isCancelled() {
            return raw.isCancelled();
        }

        @Override
        public void setMessageCompression(boolean enabled) {
            raw.setMessageCompression(enabled);
        }

        @Override
        public void setCompression(String compressor) {
            raw.setCompression(compressor);
        }

        @Override
        public void setOnReadyThreshold(int numBytes) {
            raw.setOnReadyThreshold(numBytes);
        }

        @Override
        public SecurityLevel getSecurityLevel() {
            return raw.getSecurityLevel();
        }

        @Override
        public Attributes getAttributes() {
            return raw.getAttributes();
        }

        @Override
        public String getAuthority() {
            return raw.getAuthority();
        }

        @Override
        public MethodDescriptor<Q, R> getMethodDescriptor() {
            return method;
        }
    }
}
