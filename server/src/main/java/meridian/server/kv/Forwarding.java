package meridian.server.kv;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import meridian.proto.v1.KvServiceGrpc;
import meridian.server.node.Futures;
import meridian.server.node.PeerSpec;

/**
 * Forwards a key/value request to the node that leads the key's group, once: a forwarded request
 * carries the {@code meridian-forwarded} header and is never forwarded again (no loops while
 * leadership moves; the client retries instead).
 */
public final class Forwarding implements AutoCloseable {
  static final Metadata.Key<String> FORWARDED = Metadata.Key.of("meridian-forwarded", Metadata.ASCII_STRING_MARSHALLER);
  static final Context.Key<Boolean> IS_FORWARDED = Context.key("meridian-forwarded");
  static final long FORWARD_DEADLINE_MILLIS = 10_000;

  private final Map<String, ManagedChannel> channels = new HashMap<>();

  public Forwarding(String listenHost, List<PeerSpec> peers) {
    for (PeerSpec peer : peers) {
      channels.put(
          peer.id(),
          meridian.server.node.PeerChannels.to(peer.address(), listenHost)
              .maxInboundMessageSize(32 * 1024 * 1024)
              .build());
    }
  }

  /** Marks requests that arrived forwarded, for {@link #isForwarded()}. */
  public static ServerInterceptor interceptor() {
    return new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        Context context = Context.current().withValue(IS_FORWARDED, headers.containsKey(FORWARDED));
        return Contexts.interceptCall(context, call, headers, next);
      }
    };
  }

  static boolean isForwarded() {
    return Boolean.TRUE.equals(IS_FORWARDED.get());
  }

  /** The channel to peer {@code nodeId}, if it is one. */
  public java.util.Optional<io.grpc.Channel> channel(String nodeId) {
    return java.util.Optional.ofNullable(channels.get(nodeId));
  }

  boolean knows(String nodeId) {
    return channels.containsKey(nodeId);
  }

  /** Calls {@code method} on node {@code nodeId}'s key/value service, marked as forwarded. */
  <Q, R> CompletableFuture<R> call(
      String nodeId, Q request, TriConsumer<KvServiceGrpc.KvServiceStub, Q, StreamObserver<R>> method) {
    CompletableFuture<R> result = new CompletableFuture<>();
    Metadata headers = new Metadata();
    headers.put(FORWARDED, "1");
    KvServiceGrpc.KvServiceStub stub =
        KvServiceGrpc.newStub(channels.get(nodeId))
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
            .withDeadlineAfter(FORWARD_DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
    // A fresh context: the caller's deadline and cancellation must not cut the forwarded call short
    // of its own deadline, and the forwarded marker must not leak into it.
    Context.ROOT.run(
        () ->
            method.accept(
                stub,
                request,
                Futures.completing(result)));
    return result;
  }

  /** A stub method reference: {@code (stub, request, observer) -> stub.put(request, observer)}. */
  @FunctionalInterface
  interface TriConsumer<A, B, C> {
    void accept(A a, B b, C c);
  }

  @Override
  public void close() {
    channels.values().forEach(ManagedChannel::shutdownNow);
  }

}
