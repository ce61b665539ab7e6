package meridian.server.sql;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The SQL sessions open at this node, bounded in number; idle ones are closed. */
public final class Sessions implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Sessions.class);

  private final Engine engine;
  private final Map<String, Session> open = new ConcurrentHashMap<>();

  public Sessions(Engine engine, ScheduledExecutorService scheduler) {
    this.engine = engine;
    scheduler.scheduleWithFixedDelay(this::expire, 10, 10, TimeUnit.SECONDS);
  }

  String open() {
    if (open.size() >= Limits.SESSIONS_MAX) {
      throw new SqlError("53300", Limits.SESSIONS_MAX + " SQL sessions are open on this node; close some or use another node");
    }
    String id = UUID.randomUUID().toString();
    open.put(id, new Session(engine));
    return id;
  }

  Session get(String id) {
    Session s = open.get(id);
    if (s == null) {
      throw new SqlError("08003", "no SQL session " + id + " on this node (closed, idle for more than "
          + Limits.SESSION_IDLE_MILLIS / 60_000 + " minutes, or the node restarted); reconnect");
    }
    return s;
  }

  void close(String id) {
    Session s = open.remove(id);
    if (s != null) {
      s.close();
    }
  }

  public int openCount() {
    return open.size();
  }

  private void expire() {
    long now = System.nanoTime();
    for (var e : List.copyOf(open.entrySet())) {
      if (now - e.getValue().lastUsedNanos() > TimeUnit.MILLISECONDS.toNanos(Limits.SESSION_IDLE_MILLIS)) {
        log.info("closing SQL session {}: idle", e.getKey());
        close(e.getKey());
      }
    }
  }

  @Override
  public void close() {
    List.copyOf(open.keySet()).forEach(this::close);
  }
}
