package meridian.server.jepsen;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Clock faults through the nodes' fault-injection RPC (a node's physical clock gets an offset and
 * a drift; TrueTime must either absorb it or fence the node):
 *
 * <ul>
 *   <li>{@code SKEW}: every node's clock is offset by up to {@value #SKEW_MICROS_MAX} us and drifts
 *       by up to {@value #DRIFT_PPM_MAX} ppm, within what the time masters' epsilon and the drift
 *       bound cover: the nodes must go on serving.
 *   <li>{@code JUMP}: one node's clock jumps by {@value #JUMP_MICROS} us, far beyond epsilon:
 *       TrueTime must notice it against the masters and fence the node.
 *   <li>{@code STROBE}: one node's clock flips between true and {@value #STROBE_MICROS} us ahead
 *       every {@value #STROBE_PERIOD_MILLIS} ms.
 * </ul>
 *
 * Ending a fault sets the clocks back to no offset and no drift (itself a step the node rides or
 * fences on, until its next sync).
 */
final class ClockNemesis implements Nemesis {
  enum Fault { SKEW, JUMP, STROBE }

  static final long SKEW_MICROS_MAX = 400;
  static final long DRIFT_PPM_MAX = 100;
  static final long JUMP_MICROS = 60_000_000;
  static final long STROBE_MICROS = 250_000;
  static final long STROBE_PERIOD_MILLIS = 50;

  private final Fault fault;
  private final ScheduledExecutorService timer;
  private final Set<String> touched = new LinkedHashSet<>();
  private ScheduledFuture<?> strobe;

  ClockNemesis(Fault fault, ScheduledExecutorService timer) {
    this.fault = fault;
    this.timer = timer;
  }

  @Override
  public String kind() {
    return switch (fault) {
      case SKEW -> "clock-skew";
      case JUMP -> "clock-jump";
      case STROBE -> "clock-strobe";
    };
  }

  @Override
  public synchronized String start(ClusterUnderTest cluster, Random random) {
    List<String> nodes = cluster.nodes();
    switch (fault) {
      case SKEW -> {
        List<String> set = new ArrayList<>();
        for (String node : nodes) {
          long offset = random.nextLong(-SKEW_MICROS_MAX, SKEW_MICROS_MAX + 1);
          long drift = random.nextLong(-DRIFT_PPM_MAX, DRIFT_PPM_MAX + 1);
          touched.add(node);
          cluster.skewClock(node, offset, drift);
          set.add(node + " " + offset + "us " + drift + "ppm");
        }
        return "skewed " + String.join(", ", set);
      }
      case JUMP -> {
        String node = nodes.get(random.nextInt(nodes.size()));
        long offset = random.nextBoolean() ? JUMP_MICROS : -JUMP_MICROS;
        touched.add(node);
        cluster.skewClock(node, offset, 0);
        return "jumped " + node + "'s clock by " + offset / 1_000_000 + " s";
      }
      case STROBE -> {
        String node = nodes.get(random.nextInt(nodes.size()));
        touched.add(node);
        boolean[] ahead = {false};
        strobe = timer.scheduleWithFixedDelay(() -> {
          synchronized (this) { // so that no flip lands after heal reset the clock
            if (strobe == null) {
              return;
            }
            ahead[0] = !ahead[0];
            try {
              cluster.skewClock(node, ahead[0] ? STROBE_MICROS : 0, 0);
            } catch (RuntimeException e) {
              // the node may be fenced or busy; the next flip tries again
            }
          }
        }, 0, STROBE_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        return "strobing " + node + "'s clock between +0 and +" + STROBE_MICROS / 1000 + " ms";
      }
    }
    throw new IllegalStateException("unreachable");
  }

  @Override
  public synchronized String stop(ClusterUnderTest cluster) {
    String nodes = String.join(", ", touched);
    heal(cluster);
    return "reset the clocks of " + nodes;
  }

  @Override
  public synchronized void heal(ClusterUnderTest cluster) {
    if (strobe != null) {
      strobe.cancel(false);
      strobe = null;
    }
    List<String> failed = new ArrayList<>();
    for (String node : List.copyOf(touched)) {
      try {
        cluster.skewClock(node, 0, 0);
        touched.remove(node);
      } catch (IllegalStateException e) {
        failed.add(node);
      }
    }
    if (!failed.isEmpty()) {
      throw new IllegalStateException("could not reset the clocks of " + failed);
    }
  }
}
