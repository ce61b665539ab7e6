package meridian.server.replication;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import meridian.proto.v1.SnapshotChunk;
import meridian.proto.v1.SnapshotFetch;
import meridian.storage.ReadView;
import meridian.storage.StorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshot transfer for every group of this node: serving {@code FetchSnapshot} from a consistent
 * view (at most {@link #SENDS_MAX} at once), and fetching and writing one for a group that needs
 * it (at most {@link #INSTALLS_MAX} at once, off the groups' executors: a transfer blocks on the
 * network and on disk). Once an install has cleared a group's state it cannot be abandoned: it is
 * retried from every member in turn, with backoff, up to {@link #ATTEMPTS_MAX} times.
 */
final class SnapshotTransfers implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SnapshotTransfers.class);
  static final int SENDS_MAX = 2;
  static final int INSTALLS_MAX = 2;
  static final int INSTALLS_QUEUED_MAX = 1_024;
  static final long FETCH_DEADLINE_MILLIS = 600_000;
  static final int ATTEMPTS_MAX = 30;
  static final long BACKOFF_MILLIS_MIN = 200;
  static final long BACKOFF_MILLIS_MAX = 5_000;

  /** How an install ended. */
  sealed interface Outcome {
    /** Written; the group finishes it ({@link GroupStorage#finishInstall}) on its executor. */
    record Written(SnapshotInstaller.Written snapshot, String source, long millis) implements Outcome {}

    /**
     * Gave up. {@code incomplete}: the group's state was already cleared (the install marker
     * stands), so the group must not serve or apply until a later install finishes.
     */
    record Failed(boolean incomplete, String reason) implements Outcome {}
  }

  /** One install to do: fetch from {@code sources} in turn a snapshot at or above {@code floorIndex}. */
  record Job(GroupStorage storage, List<SnapshotSpan> spans, List<String> sources, long floorIndex, boolean resuming,
      Consumer<Outcome> done) {
    Job {
      sources = List.copyOf(sources);
    }
  }

  private final String self;
  private final StorageEngine engine;
  private final PaxosTransport transport;
  private final Semaphore sends = new Semaphore(SENDS_MAX);
  private final SnapshotCounters counters = new SnapshotCounters();
  private final ScheduledThreadPoolExecutor installs;

  SnapshotTransfers(String self, StorageEngine engine, PaxosTransport transport) {
    this.self = self;
    this.engine = engine;
    this.transport = transport;
    AtomicInteger counter = new AtomicInteger();
    this.installs =
        new ScheduledThreadPoolExecutor(
            INSTALLS_MAX,
            r -> {
              Thread thread = new Thread(r, "snapshot-install-" + counter.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  SnapshotCounters counters() {
    return counters;
  }

  /** Serves a snapshot of {@code storage}'s group; the caller checked that the group is hosted. */
  void serve(SnapshotFetch request, GroupStorage storage, List<SnapshotSpan> spans, StreamObserver<SnapshotChunk> response) {
    if (!sends.tryAcquire()) {
      response.onError(Status.RESOURCE_EXHAUSTED
          .withDescription("already sending " + SENDS_MAX + " snapshots; try again later").asRuntimeException());
      return;
    }
    ReadView view = null;
    try {
      view = engine.openReadView();
      if (storage.installingIn(view)) {
        throw Status.UNAVAILABLE.withDescription("group " + request.getGroupId() + " is installing a snapshot here").asRuntimeException();
      }
      ReadView opened = view;
      SnapshotPoint point = storage.appliedIn(view).orElseThrow(() -> Status.FAILED_PRECONDITION
          .withDescription("group " + request.getGroupId() + " has applied nothing here yet").asRuntimeException());
      if (point.index() < request.getMinIndex()) {
        throw Status.FAILED_PRECONDITION.withDescription("group " + request.getGroupId() + " applied " + point.index()
            + " here, below the " + request.getMinIndex() + " asked for").asRuntimeException();
      }
      log.info("group {}: sending snapshot at {} to {}", request.getGroupId(), point.index(), request.getFromNode());
      new SnapshotSender(opened, request.getGroupId(), request.getFromNode(), point, spans,
          (ServerCallStreamObserver<SnapshotChunk>) response, counters, sends::release).start();
    } catch (RuntimeException e) {
      if (view != null) {
        view.close();
      }
      sends.release();
      response.onError(e instanceof io.grpc.StatusRuntimeException ? e
          : Status.UNAVAILABLE.withDescription("snapshot: " + e.getMessage()).asRuntimeException());
    }
  }

  /** Starts {@code job}; its outcome goes to {@code job.done()} on an install thread. */
  void install(Job job) {
    try {
      if (installs.getQueue().size() >= INSTALLS_QUEUED_MAX) {
        throw new RejectedExecutionException(INSTALLS_QUEUED_MAX + " snapshot installs already queued");
      }
      installs.execute(() -> attempt(job, 0));
    } catch (RejectedExecutionException e) {
      job.done().accept(new Outcome.Failed(job.resuming(), e.getMessage()));
    }
  }

  private void attempt(Job job, int attempt) {
    long groupId = job.storage().groupId();
    String source = job.sources().get(attempt % job.sources().size());
    long startNanos = System.nanoTime();
    try {
      SnapshotInstaller.Written written = fetch(job, source);
      job.done().accept(new Outcome.Written(written, source, (System.nanoTime() - startNanos) / 1_000_000));
      return;
    } catch (RuntimeException e) {
      boolean incomplete = job.resuming() || job.storage().installMarker().isPresent();
      String reason = "from " + source + ": " + e.getMessage();
      if (!incomplete) {
        // Nothing was touched: the replica asks again when the leader next says it is behind.
        log.warn("group {}: snapshot fetch failed {}", groupId, reason);
        job.done().accept(new Outcome.Failed(false, reason));
        return;
      }
      if (attempt + 1 >= ATTEMPTS_MAX || installs.isShutdown()) {
        job.done().accept(new Outcome.Failed(true, reason));
        return;
      }
      long backoff = Math.min(BACKOFF_MILLIS_MAX, BACKOFF_MILLIS_MIN << Math.min(attempt, 10));
      log.warn("group {}: snapshot install (attempt {} of {}) failed {}; the group's state is incomplete, retrying in {} ms",
          groupId, attempt + 1, ATTEMPTS_MAX, reason, backoff);
      try {
        installs.schedule(() -> attempt(job, attempt + 1), backoff, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException closed) {
        job.done().accept(new Outcome.Failed(true, reason));
      }
    }
  }

  private SnapshotInstaller.Written fetch(Job job, String source) {
    SnapshotFetch request =
        SnapshotFetch.newBuilder().setGroupId(job.storage().groupId()).setMinIndex(job.floorIndex()).setFromNode(self).build();
    Context.CancellableContext context = Context.current().withCancellation();
    try {
      return context.call(() -> {
        Iterator<SnapshotChunk> chunks =
            transport.snapshotStub(source).withDeadlineAfter(FETCH_DEADLINE_MILLIS, TimeUnit.MILLISECONDS).fetchSnapshot(request);
        return SnapshotInstaller.write(engine, job.storage(), job.spans(), job.floorIndex(), chunks);
      });
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      context.cancel(null); // stops the stream when the install broke off early
    }
  }

  @Override
  public void close() {
    installs.shutdownNow();
  }
}
