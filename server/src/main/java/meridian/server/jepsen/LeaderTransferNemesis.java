package meridian.server.jepsen;

import java.util.List;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A leader-transfer storm: while the fault lasts, every {@value #PERIOD_MILLIS} ms the leader of a
 * random group is asked to hand over to a random other node.
 */
final class LeaderTransferNemesis implements Nemesis {
  static final long PERIOD_MILLIS = 300;

  private final ScheduledExecutorService timer;
  private final AtomicInteger transfers = new AtomicInteger();
  private ScheduledFuture<?> storm;

  LeaderTransferNemesis(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  @Override
  public String kind() {
    return "leader-transfer";
  }

  @Override
  public synchronized String start(ClusterUnderTest cluster, Random random) {
    transfers.set(0);
    long seed = random.nextLong();
    Random own = new Random(seed);
    storm = timer.scheduleWithFixedDelay(() -> {
      try {
        List<Long> groups = cluster.groups();
        List<String> nodes = cluster.nodes();
        if (groups.isEmpty()) {
          return;
        }
        cluster.transferLeader(groups.get(own.nextInt(groups.size())), nodes.get(own.nextInt(nodes.size())));
        transfers.incrementAndGet();
      } catch (RuntimeException e) {
        // no leader now, or the target is the leader already: the next round tries again
      }
    }, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    return "transferring leaders every " + PERIOD_MILLIS + " ms";
  }

  @Override
  public synchronized String stop(ClusterUnderTest cluster) {
    heal(cluster);
    return transfers.get() + " transfers asked for";
  }

  @Override
  public synchronized void heal(ClusterUnderTest cluster) {
    if (storm != null) {
      storm.cancel(false);
      storm = null;
    }
  }
}
