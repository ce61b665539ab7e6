package meridian.server.node;

import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Small bridges between gRPC callbacks and futures, shared by every service and client here. */
public final class Futures {
  private Futures() {}

  /** The failure inside the wrappers that futures put around it. */
  public static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** An observer of a unary call that completes {@code result} with its answer or its failure. */
  public static <R> StreamObserver<R> completing(CompletableFuture<R> result) {
    return new StreamObserver<>() {
      @Override
      public void onNext(R value) {
        result.complete(value);
      }

      @Override
      public void onError(Throwable t) {
        result.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {}
    };
  }
}
