package meridian.server.jepsen;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * When faults happen: a healthy period of {@code healthy}, then a fault of {@code fault}, and again,
 * until the clients stop; the nemeses take turns, one fault at a time. Runs on its own thread
 * ({@link #run}); every start and stop is a note in the history, and a nemesis action that fails
 * is a note too (the run goes on: a fault that could not be injected is no anomaly).
 */
record Schedule(Duration healthy, Duration fault) {

  /** Drives {@code nemeses} until {@code done} is counted down, then ends any fault in progress. */
  void run(List<Nemesis> nemeses, ClusterUnderTest cluster, HistoryWriter history, Random random, CountDownLatch done) {
    if (nemeses.isEmpty()) {
      return;
    }
    for (int turn = 0; ; turn++) {
      if (waitOrDone(done, healthy)) {
        return;
      }
      Nemesis nemesis = nemeses.get(turn % nemeses.size());
      try {
        history.note("nemesis", "start-" + nemesis.kind(), nemesis.start(cluster, random));
      } catch (RuntimeException e) {
        history.note("nemesis", "start-" + nemesis.kind(), "failed: " + e.getMessage());
      }
      boolean finished = waitOrDone(done, fault);
      try {
        history.note("nemesis", "stop-" + nemesis.kind(), nemesis.stop(cluster));
      } catch (RuntimeException e) {
        history.note("nemesis", "stop-" + nemesis.kind(), "failed: " + e.getMessage());
      }
      if (finished) {
        return;
      }
    }
  }

  /** Waits {@code period}; true when {@code done} came first. */
  private static boolean waitOrDone(CountDownLatch done, Duration period) {
    try {
      return done.await(period.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }
}
