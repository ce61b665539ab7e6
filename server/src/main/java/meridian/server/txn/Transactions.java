package meridian.server.txn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import meridian.server.placement.RangeCache;
import meridian.txn.TxnId;
import meridian.truetime.TrueTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactions this node drives for its clients, by handle: read-write ones ({@link TxnDriver})
 * and read-only ones (a timestamp). Bounded in number; a transaction its client stops using is
 * rolled back after {@link #IDLE_MILLIS}; read-write transactions send heartbeats to the leaders
 * where they hold locks, so leaders keep their locks while the client works. If this node dies, the
 * heartbeats stop and the leaders free the locks after their idle timeout: a clean abort.
 */
public final class Transactions implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Transactions.class);
  static final int SESSIONS_MAX = 10_000;
  static final long IDLE_MILLIS = 60_000;
  static final long HEARTBEAT_MILLIS = 1_000;

  private final String self;
  private final Participants participants;
  private final RangeCache ranges;
  private final TrueTime trueTime;
  private final AtomicLong sequence = new AtomicLong();
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  /** A client's transaction: read-write (a driver) or read-only (a timestamp, fixed at begin). */
  public sealed interface Session {
    long lastUsedNanos();
  }

  public record ReadWrite(TxnDriver driver) implements Session {
    @Override
    public long lastUsedNanos() {
      return driver.lastUsedNanos();
    }
  }

  public record ReadOnly(long readMicros, long startedNanos) implements Session {
    @Override
    public long lastUsedNanos() {
      return startedNanos;
    }
  }

  public Transactions(String self, Participants participants, RangeCache ranges, TrueTime trueTime, ScheduledExecutorService scheduler) {
    this.self = self;
    this.participants = participants;
    this.ranges = ranges;
    this.trueTime = trueTime;
    scheduler.scheduleWithFixedDelay(this::heartbeatAndExpire, HEARTBEAT_MILLIS, HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Starts a read-write transaction; a retry keeps the first attempt's priority. */
  public String beginReadWrite(Optional<TxnId> retryOf) {
    return register(new ReadWrite(driver(retryOf)));
  }

  /**
   * A read-write transaction the node itself runs (a split), outside any client session: no
   * heartbeats, so it must finish well within the leaders' idle timeout.
   */
  public TxnDriver driver(Optional<TxnId> retryOf) {
    TxnId id = retryOf.map(TxnId::retry).orElseGet(() -> new TxnId(trueTime.now().latestMicros(), self, sequence.incrementAndGet(), 0));
    return new TxnDriver(id, participants, ranges);
  }

  public String beginReadOnly(long readMicros) {
    return register(new ReadOnly(readMicros, System.nanoTime()));
  }

  private String register(Session session) {
    if (sessions.size() >= SESSIONS_MAX) {
      throw new IllegalStateException(SESSIONS_MAX + " transactions are open on this node; finish some first");
    }
    String handle = UUID.randomUUID().toString();
    sessions.put(handle, session);
    return handle;
  }

  /** The session behind {@code handle}; fails clearly for an unknown or expired handle. */
  public Session get(String handle) {
    Session s = sessions.get(handle);
    if (s == null) {
      throw new IllegalArgumentException("no open transaction " + handle + " on this node (finished, expired after "
          + IDLE_MILLIS / 1000 + " s idle, or begun on another node)");
    }
    return s;
  }

  public void end(String handle) {
    Session s = sessions.remove(handle);
    if (s instanceof ReadWrite rw) {
      rw.driver().rollback();
    }
  }

  public int openCount() {
    return sessions.size();
  }

  private void heartbeatAndExpire() {
    try {
      long now = System.nanoTime();
      Map<Long, List<TxnId>> byGroup = new TreeMap<>();
      for (var entry : List.copyOf(sessions.entrySet())) {
        Session s = entry.getValue();
        boolean finished = s instanceof ReadWrite rw && !rw.driver().isActive();
        if (finished || now - s.lastUsedNanos() > TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS)) {
          if (!finished) {
            log.info("rolling back transaction {}: idle for {} s", entry.getKey(), IDLE_MILLIS / 1000);
          }
          end(entry.getKey());
          continue;
        }
        if (s instanceof ReadWrite rw) {
          for (long g : rw.driver().lockedGroups()) {
            byGroup.computeIfAbsent(g, x -> new ArrayList<>()).add(rw.driver().id());
          }
        }
      }
      byGroup.forEach((g, txns) -> participants.heartbeat(g, txns).exceptionally(e -> null));
    } catch (RuntimeException e) {
      log.warn("transaction heartbeat round failed: {}", e.toString());
    }
  }

  @Override
  public void close() {
    List.copyOf(sessions.keySet()).forEach(this::end);
  }
}
