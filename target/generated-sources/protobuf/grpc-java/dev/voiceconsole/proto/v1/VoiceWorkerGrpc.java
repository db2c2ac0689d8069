package dev.voiceconsole.proto.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class VoiceWorkerGrpc {

  private VoiceWorkerGrpc() {}

  public static final java.lang.String SERVICE_NAME = "voiceconsole.v1.VoiceWorker";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<dev.voiceconsole.proto.v1.CreateSessionRequest,
      dev.voiceconsole.proto.v1.CreateSessionResponse> getCreateSessionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CreateSession",
      requestType = dev.voiceconsole.proto.v1.CreateSessionRequest.class,
      responseType = dev.voiceconsole.proto.v1.CreateSessionResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.voiceconsole.proto.v1.CreateSessionRequest,
      dev.voiceconsole.proto.v1.CreateSessionResponse> getCreateSessionMethod() {
    io.grpc.MethodDescriptor<dev.voiceconsole.proto.v1.CreateSessionRequest, dev.voiceconsole.proto.v1.CreateSessionResponse> getCreateSessionMethod;
    if ((getCreateSessionMethod = VoiceWorkerGrpc.getCreateSessionMethod) == null) {
      synchronized (VoiceWorkerGrpc.class) {
        if ((getCreateSessionMethod = VoiceWorkerGrpc.getCreateSessionMethod) == null) {
          VoiceWorkerGrpc.getCreateSessionMethod = getCreateSessionMethod =
              io.grpc.MethodDescriptor.<dev.voiceconsole.proto.v1.CreateSessionRequest, dev.voiceconsole.proto.v1.CreateSessionResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CreateSession"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.voiceconsole.proto.v1.CreateSessionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.voiceconsole.proto.v1.CreateSessionResponse.getDefaultInstance()))
              .setSchemaDescriptor(new VoiceWorkerMethodDescriptorSupplier("CreateSession"))
              .build();
        }
      }
    }
    return getCreateSessionMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.voiceconsole.proto.v1.AudioChunk,
      dev.voiceconsole.proto.v1.StreamEvent> getStreamAudioMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "StreamAudio",
      requestType = dev.voiceconsole.proto.v1.AudioChunk.class,
      responseType = dev.voiceconsole.proto.v1.StreamEvent.class,
      methodType = io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING)
  public static io.grpc.MethodDescriptor<dev.voiceconsole.proto.v1.AudioChunk,
      dev.voiceconsole.proto.v1.StreamEvent> getStreamAudioMethod() {
    io.grpc.MethodDescriptor<dev.voiceconsole.proto.v1.AudioChunk, dev.voiceconsole.proto.v1.StreamEvent> getStreamAudioMethod;
    if ((getStreamAudioMethod = VoiceWorkerGrpc.getStreamAudioMethod) == null) {
      synchronized (VoiceWorkerGrpc.class) {
        if ((getStreamAudioMethod = VoiceWorkerGrpc.getStreamAudioMethod) == null) {
          VoiceWorkerGrpc.getStreamAudioMethod = getStreamAudioMethod =
              io.grpc.MethodDescriptor.<dev.voiceconsole.proto.v1.AudioChunk, dev.voiceconsole.proto.v1.StreamEvent>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "StreamAudio"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.voiceconsole.proto.v1.AudioChunk.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.voiceconsole.proto.v1.StreamEvent.getDefaultInstance()))
              .setSchemaDescriptor(new VoiceWorkerMethodDescriptorSupplier("StreamAudio"))
              .build();
        }
      }
    }
    return getStreamAudioMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.voiceconsole.proto.v1.StopSessionRequest,
      dev.voiceconsole.proto.v1.StopSessionResponse> getStopSessionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "StopSession",
      requestType = dev.voiceconsole.proto.v1.StopSessionRequest.class,
      responseType = dev.voiceconsole.proto.v1.StopSessionResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.voiceconsole.proto.v1.StopSessionRequest,
      dev.voiceconsole.proto.v1.StopSessionResponse> getStopSessionMethod() {
    io.grpc.MethodDescriptor<dev.voiceconsole.proto.v1.StopSessionRequest, dev.voiceconsole.proto.v1.StopSessionResponse> getStopSessionMethod;
    if ((getStopSessionMethod = VoiceWorkerGrpc.getStopSessionMethod) == null) {
      synchronized (VoiceWorkerGrpc.class) {
        if ((getStopSessionMethod = VoiceWorkerGrpc.getStopSessionMethod) == null) {
          VoiceWorkerGrpc.getStopSessionMethod = getStopSessionMethod =
              io.grpc.MethodDescriptor.<dev.voiceconsole.proto.v1.StopSessionRequest, dev.voiceconsole.proto.v1.StopSessionResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "StopSession"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.voiceconsole.proto.v1.StopSessionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.voiceconsole.proto.v1.StopSessionResponse.getDefaultInstance()))
              .setSchemaDescriptor(new VoiceWorkerMethodDescriptorSupplier("StopSession"))
              .build();
        }
      }
    }
    return getStopSessionMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.voiceconsole.proto.v1.GetHealthRequest,
      dev.voiceconsole.proto.v1.HealthResponse> getGetHealthMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetHealth",
      requestType = dev.voiceconsole.proto.v1.GetHealthRequest.class,
      responseType = dev.voiceconsole.proto.v1.HealthResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.voiceconsole.proto.v1.GetHealthRequest,
      dev.voiceconsole.proto.v1.HealthResponse> getGetHealthMethod() {
    io.grpc.MethodDescriptor<dev.voiceconsole.proto.v1.GetHealthRequest, dev.voiceconsole.proto.v1.HealthResponse> getGetHealthMethod;
    if ((getGetHealthMethod = VoiceWorkerGrpc.getGetHealthMethod) == null) {
      synchronized (VoiceWorkerGrpc.class) {
        if ((getGetHealthMethod = VoiceWorkerGrpc.getGetHealthMethod) == null) {
          VoiceWorkerGrpc.getGetHealthMethod = getGetHealthMethod =
              io.grpc.MethodDescriptor.<dev.voiceconsole.proto.v1.GetHealthRequest, dev.voiceconsole.proto.v1.HealthResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetHealth"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.voiceconsole.proto.v1.GetHealthRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.voiceconsole.proto.v1.HealthResponse.getDefaultInstance()))
              .setSchemaDescriptor(new VoiceWorkerMethodDescriptorSupplier("GetHealth"))
              .build();
        }
      }
    }
    return getGetHealthMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static VoiceWorkerStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<VoiceWorkerStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<VoiceWorkerStub>() {
        @java.lang.Override
        public VoiceWorkerStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new VoiceWorkerStub(channel, callOptions);
        }
      };
    return VoiceWorkerStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static VoiceWorkerBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<VoiceWorkerBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<VoiceWorkerBlockingV2Stub>() {
        @java.lang.Override
        public VoiceWorkerBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new VoiceWorkerBlockingV2Stub(channel, callOptions);
        }
      };
    return VoiceWorkerBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static VoiceWorkerBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<VoiceWorkerBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<VoiceWorkerBlockingStub>() {
        @java.lang.Override
        public VoiceWorkerBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new VoiceWorkerBlockingStub(channel, callOptions);
        }
      };
    return VoiceWorkerBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static VoiceWorkerFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<VoiceWorkerFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<VoiceWorkerFutureStub>() {
        @java.lang.Override
        public VoiceWorkerFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new VoiceWorkerFutureStub(channel, callOptions);
        }
      };
    return VoiceWorkerFutureStub.newStub(factory, channel);
  }

  /**
   */
  public interface AsyncService {

    /**
     * <pre>
     * Reserves a session slot. Empty session_id = "assign one". Errors: RESOURCE_EXHAUSTED (at capacity),
     * ALREADY_EXISTS (id in use), INVALID_ARGUMENT (bad config), UNAVAILABLE (draining).
     * </pre>
     */
    default void createSession(dev.voiceconsole.proto.v1.CreateSessionRequest request,
        io.grpc.stub.StreamObserver<dev.voiceconsole.proto.v1.CreateSessionResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCreateSessionMethod(), responseObserver);
    }

    /**
     * <pre>
     * Audio in, events out. The first chunk names the session; every chunk is acknowledged.
     * Half-closing the request side means "no more audio": the worker finalizes what it has,
     * sends the final events and completes the response stream. The session stays until StopSession.
     * </pre>
     */
    default io.grpc.stub.StreamObserver<dev.voiceconsole.proto.v1.AudioChunk> streamAudio(
        io.grpc.stub.StreamObserver<dev.voiceconsole.proto.v1.StreamEvent> responseObserver) {
      return io.grpc.stub.ServerCalls.asyncUnimplementedStreamingCall(getStreamAudioMethod(), responseObserver);
    }

    /**
     * <pre>
     * Flushes (the last words spoken before stop arrive as final text on the stream and in the
     * response), releases the slot. Idempotent: stopping a stopped session returns OK with
     * already_stopped = true. Unknown id: NOT_FOUND.
     * </pre>
     */
    default void stopSession(dev.voiceconsole.proto.v1.StopSessionRequest request,
        io.grpc.stub.StreamObserver<dev.voiceconsole.proto.v1.StopSessionResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getStopSessionMethod(), responseObserver);
    }

    /**
     */
    default void getHealth(dev.voiceconsole.proto.v1.GetHealthRequest request,
        io.grpc.stub.StreamObserver<dev.voiceconsole.proto.v1.HealthResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetHealthMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service VoiceWorker.
   */
  public static abstract class VoiceWorkerImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return VoiceWorkerGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service VoiceWorker.
   */
  public static final class VoiceWorkerStub
      extends io.grpc.stub.AbstractAsyncStub<VoiceWorkerStub> {
    private VoiceWorkerStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected VoiceWorkerStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new VoiceWorkerStub(channel, callOptions);
    }

    /**
     * <pre>
     * Reserves a session slot. Empty session_id = "assign one". Errors: RESOURCE_EXHAUSTED (at capacity),
     * ALREADY_EXISTS (id in use), INVALID_ARGUMENT (bad config), UNAVAILABLE (draining).
     * </pre>
     */
    public void createSession(dev.voiceconsole.proto.v1.CreateSessionRequest request,
        io.grpc.stub.StreamObserver<dev.voiceconsole.proto.v1.CreateSessionResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCreateSessionMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Audio in, events out. The first chunk names the session; every chunk is acknowledged.
     * Half-closing the request side means "no more audio": the worker finalizes what it has,
     * sends the final events and completes the response stream. The session stays until StopSession.
     * </pre>
     */
    public io.grpc.stub.StreamObserver<dev.voiceconsole.proto.v1.AudioChunk> streamAudio(
        io.grpc.stub.StreamObserver<dev.voiceconsole.proto.v1.StreamEvent> responseObserver) {
      return io.grpc.stub.ClientCalls.asyncBidiStreamingCall(
          getChannel().newCall(getStreamAudioMethod(), getCallOptions()), responseObserver);
    }

    /**
     * <pre>
     * Flushes (the last words spoken before stop arrive as final text on the stream and in the
     * response), releases the slot. Idempotent: stopping a stopped session returns OK with
     * already_stopped = true. Unknown id: NOT_FOUND.
     * </pre>
     */
    public void stopSession(dev.voiceconsole.proto.v1.StopSessionRequest request,
        io.grpc.stub.StreamObserver<dev.voiceconsole.proto.v1.StopSessionResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getStopSessionMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void getHealth(dev.voiceconsole.proto.v1.GetHealthRequest request,
        io.grpc.stub.StreamObserver<dev.voiceconsole.proto.v1.HealthResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetHealthMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service VoiceWorker.
   */
  public static final class VoiceWorkerBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<VoiceWorkerBlockingV2Stub> {
    private VoiceWorkerBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected VoiceWorkerBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new VoiceWorkerBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Reserves a session slot. Empty session_id = "assign one". Errors: RESOURCE_EXHAUSTED (at capacity),
     * ALREADY_EXISTS (id in use), INVALID_ARGUMENT (bad config), UNAVAILABLE (draining).
     * </pre>
     */
    public dev.voiceconsole.proto.v1.CreateSessionResponse createSession(dev.voiceconsole.proto.v1.CreateSessionRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCreateSessionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Audio in, events out. The first chunk names the session; every chunk is acknowledged.
     * Half-closing the request side means "no more audio": the worker finalizes what it has,
     * sends the final events and completes the response stream. The session stays until StopSession.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<dev.voiceconsole.proto.v1.AudioChunk, dev.voiceconsole.proto.v1.StreamEvent>
        streamAudio() {
      return io.grpc.stub.ClientCalls.blockingBidiStreamingCall(
          getChannel(), getStreamAudioMethod(), getCallOptions());
    }

    /**
     * <pre>
     * Flushes (the last words spoken before stop arrive as final text on the stream and in the
     * response), releases the slot. Idempotent: stopping a stopped session returns OK with
     * already_stopped = true. Unknown id: NOT_FOUND.
     * </pre>
     */
    public dev.voiceconsole.proto.v1.StopSessionResponse stopSession(dev.voiceconsole.proto.v1.StopSessionRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getStopSessionMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.voiceconsole.proto.v1.HealthResponse getHealth(dev.voiceconsole.proto.v1.GetHealthRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetHealthMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service VoiceWorker.
   */
  public static final class VoiceWorkerBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<VoiceWorkerBlockingStub> {
    private VoiceWorkerBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected VoiceWorkerBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new VoiceWorkerBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Reserves a session slot. Empty session_id = "assign one". Errors: RESOURCE_EXHAUSTED (at capacity),
     * ALREADY_EXISTS (id in use), INVALID_ARGUMENT (bad config), UNAVAILABLE (draining).
     * </pre>
     */
    public dev.voiceconsole.proto.v1.CreateSessionResponse createSession(dev.voiceconsole.proto.v1.CreateSessionRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCreateSessionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Flushes (the last words spoken before stop arrive as final text on the stream and in the
     * response), releases the slot. Idempotent: stopping a stopped session returns OK with
     * already_stopped = true. Unknown id: NOT_FOUND.
     * </pre>
     */
    public dev.voiceconsole.proto.v1.StopSessionResponse stopSession(dev.voiceconsole.proto.v1.StopSessionRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getStopSessionMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.voiceconsole.proto.v1.HealthResponse getHealth(dev.voiceconsole.proto.v1.GetHealthRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetHealthMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service VoiceWorker.
   */
  public static final class VoiceWorkerFutureStub
      extends io.grpc.stub.AbstractFutureStub<VoiceWorkerFutureStub> {
    private VoiceWorkerFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected VoiceWorkerFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new VoiceWorkerFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Reserves a session slot. Empty session_id = "assign one". Errors: RESOURCE_EXHAUSTED (at capacity),
     * ALREADY_EXISTS (id in use), INVALID_ARGUMENT (bad config), UNAVAILABLE (draining).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.voiceconsole.proto.v1.CreateSessionResponse> createSession(
        dev.voiceconsole.proto.v1.CreateSessionRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCreateSessionMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Flushes (the last words spoken before stop arrive as final text on the stream and in the
     * response), releases the slot. Idempotent: stopping a stopped session returns OK with
     * already_stopped = true. Unknown id: NOT_FOUND.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.voiceconsole.proto.v1.StopSessionResponse> stopSession(
        dev.voiceconsole.proto.v1.StopSessionRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getStopSessionMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.voiceconsole.proto.v1.HealthResponse> getHealth(
        dev.voiceconsole.proto.v1.GetHealthRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetHealthMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_CREATE_SESSION = 0;
  private static final int METHODID_STOP_SESSION = 1;
  private static final int METHODID_GET_HEALTH = 2;
  private static final int METHODID_STREAM_AUDIO = 3;

  private static final class MethodHandlers<Req, Resp> implements
      io.grpc.stub.ServerCalls.UnaryMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ServerStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ClientStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.BidiStreamingMethod<Req, Resp> {
    private final AsyncService serviceImpl;
    private final int methodId;

    MethodHandlers(AsyncService serviceImpl, int methodId) {
      this.serviceImpl = serviceImpl;
      this.methodId = methodId;
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public void invoke(Req request, io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_CREATE_SESSION:
          serviceImpl.createSession((dev.voiceconsole.proto.v1.CreateSessionRequest) request,
              (io.grpc.stub.StreamObserver<dev.voiceconsole.proto.v1.CreateSessionResponse>) responseObserver);
          break;
        case METHODID_STOP_SESSION:
          serviceImpl.stopSession((dev.voiceconsole.proto.v1.StopSessionRequest) request,
              (io.grpc.stub.StreamObserver<dev.voiceconsole.proto.v1.StopSessionResponse>) responseObserver);
          break;
        case METHODID_GET_HEALTH:
          serviceImpl.getHealth((dev.voiceconsole.proto.v1.GetHealthRequest) request,
              (io.grpc.stub.StreamObserver<dev.voiceconsole.proto.v1.HealthResponse>) responseObserver);
          break;
        default:
          throw new AssertionError();
      }
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public io.grpc.stub.StreamObserver<Req> invoke(
        io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_STREAM_AUDIO:
          return (io.grpc.stub.StreamObserver<Req>) serviceImpl.streamAudio(
              (io.grpc.stub.StreamObserver<dev.voiceconsole.proto.v1.StreamEvent>) responseObserver);
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getCreateSessionMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.voiceconsole.proto.v1.CreateSessionRequest,
              dev.voiceconsole.proto.v1.CreateSessionResponse>(
                service, METHODID_CREATE_SESSION)))
        .addMethod(
          getStreamAudioMethod(),
          io.grpc.stub.ServerCalls.asyncBidiStreamingCall(
            new MethodHandlers<
              dev.voiceconsole.proto.v1.AudioChunk,
              dev.voiceconsole.proto.v1.StreamEvent>(
                service, METHODID_STREAM_AUDIO)))
        .addMethod(
          getStopSessionMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.voiceconsole.proto.v1.StopSessionRequest,
              dev.voiceconsole.proto.v1.StopSessionResponse>(
                service, METHODID_STOP_SESSION)))
        .addMethod(
          getGetHealthMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.voiceconsole.proto.v1.GetHealthRequest,
              dev.voiceconsole.proto.v1.HealthResponse>(
                service, METHODID_GET_HEALTH)))
        .build();
  }

  private static abstract class VoiceWorkerBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    VoiceWorkerBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return dev.voiceconsole.proto.v1.VoiceWorkerProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("VoiceWorker");
    }
  }

  private static final class VoiceWorkerFileDescriptorSupplier
      extends VoiceWorkerBaseDescriptorSupplier {
    VoiceWorkerFileDescriptorSupplier() {}
  }

  private static final class VoiceWorkerMethodDescriptorSupplier
      extends VoiceWorkerBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    VoiceWorkerMethodDescriptorSupplier(java.lang.String methodName) {
      this.methodName = methodName;
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.MethodDescriptor getMethodDescriptor() {
      return getServiceDescriptor().findMethodByName(methodName);
    }
  }

  private static volatile io.grpc.ServiceDescriptor serviceDescriptor;

  public static io.grpc.ServiceDescriptor getServiceDescriptor() {
    io.grpc.ServiceDescriptor result = serviceDescriptor;
    if (result == null) {
      synchronized (VoiceWorkerGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new VoiceWorkerFileDescriptorSupplier())
              .addMethod(getCreateSessionMethod())
              .addMethod(getStreamAudioMethod())
              .addMethod(getStopSessionMethod())
              .addMethod(getGetHealthMethod())
              .build();
        }
      }
    }
    return result;
  }
}
