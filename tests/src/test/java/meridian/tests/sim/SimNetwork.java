package meridian.tests.sim;

import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.Collection;
import meridian.paxos.Message;

/**
 * The simulated network between the replicas of one group: every message gets a random delay
 * (sometimes a long one, which reorders it), may be lost or duplicated, and is dropped when its two
 * ends are on different sides of a partition, at sending or at delivery. A message in flight when a
 * partition heals may still arrive. Whether the receiver is up is the receiver's business.
 */
final class SimNetwork {
  /**
   * The weather: probabilities of loss, duplication and a slow (reordering) delivery; a normal
   * delay is uniform in {@code [delayMinMicros, delayMaxMicros]}, a slow one up to {@code
   * slowDelayMaxMicros}.
   */
  record Faults(double lossProbability, double duplicateProbability, double slowProbability, long delayMinMicros,
      long delayMaxMicros, long slowDelayMaxMicros) {
    static final Faults CALM = new Faults(0, 0, 0, 200, 2_000, 2_000);

    Faults {
      if (delayMinMicros < 1 || delayMinMicros > delayMaxMicros || delayMaxMicros > slowDelayMaxMicros) {
        throw new IllegalArgumentException("bad delays");
      }
    }
  }

  private final SplittableRandom random;
  private final EventQueue events;
  private final Consumer<Message> receiver;
  private final int inFlightMax;
  // Which side of the current partition each replica is on; absent means side 0.
  private final TreeMap<String, Integer> side = new TreeMap<>();
  private Faults faults;
  private int inFlight;
  private long sent;
  private long dropped;
  private long duplicated;
  private long delivered;

  SimNetwork(SplittableRandom random, EventQueue events, Consumer<Message> receiver, Faults faults, int inFlightMax) {
    this.random = random;
    this.events = events;
    this.receiver = receiver;
    this.faults = faults;
    this.inFlightMax = inFlightMax;
  }

  void setFaults(Faults faults) {
    this.faults = faults;
  }

  Faults faults() {
    return faults;
  }

  /** Splits the group: replicas on different sides cannot talk; unlisted replicas are on side 0. */
  void partition(Collection<? extends Collection<String>> sides) {
    side.clear();
    int i = 1;
    for (Collection<String> s : sides) {
      for (String r : s) {
        side.put(r, i);
      }
      i++;
    }
  }

  void heal() {
    side.clear();
  }

  boolean isPartitioned() {
    return !side.isEmpty();
  }

  boolean connected(String a, String b) {
    return side.getOrDefault(a, 0).equals(side.getOrDefault(b, 0));
  }

  void send(Message m) {
    sent++;
    if (!connected(m.from(), m.to()) || random.nextDouble() < faults.lossProbability()) {
      dropped++;
      return;
    }
    schedule(m);
    if (random.nextDouble() < faults.duplicateProbability()) {
      duplicated++;
      schedule(m);
    }
  }

  private void schedule(Message m) {
    if (inFlight >= inFlightMax) {
      dropped++; // a bounded network loses what it cannot hold
      return;
    }
    long delay = random.nextDouble() < faults.slowProbability()
        ? random.nextLong(faults.delayMaxMicros(), faults.slowDelayMaxMicros() + 1)
        : random.nextLong(faults.delayMinMicros(), faults.delayMaxMicros() + 1);
    inFlight++;
    events.after(delay, () -> {
      inFlight--;
      if (!connected(m.from(), m.to())) {
        dropped++;
        return;
      }
      delivered++;
      receiver.accept(m);
    });
  }

  String counters() {
    return "sent=" + sent + " delivered=" + delivered + " dropped=" + dropped + " duplicated=" + duplicated;
  }

  long delivered() {
    return delivered;
  }
}
