package meridian.paxos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cluster-wide properties, checked as the simulation runs: one value per slot, write timestamps
 * increasing along the log, leases of different leaders disjoint in true time, safe time honest
 * (every chosen write at or below it is applied), and lease reads linearizable.
 */
final class Checker {
  private final SimCluster cluster;
  // slot -> the chosen value (text and timestamp)
  private final Map<Long, String> chosen = new HashMap<>();
  private final Map<Long, Long> chosenMicros = new HashMap<>();
  // writes along the log: slot -> timestamp, and timestamp -> slot
  private final TreeMap<Long, Long> writeMicrosBySlot = new TreeMap<>();
  private final TreeMap<Long, Long> writeSlotByMicros = new TreeMap<>();
  private final Map<String, Long> proposedMicros = new HashMap<>();
  private final List<long[]> reads = new ArrayList<>();
  private long maxReadMicros;
  long leaseChecks;

  Checker(SimCluster cluster) {
    this.cluster = cluster;
  }

  private AssertionError fail(String what) {
    return new AssertionError(what + " (seed " + cluster.seed + ")");
  }

  void chosen(SimCluster.Node n, LogEntry e) {
    String text = SimCluster.text(e);
    String before = chosen.putIfAbsent(e.index(), text);
    Long beforeMicros = chosenMicros.putIfAbsent(e.index(), e.timestampMicros());
    if (before != null && (!before.equals(text) || beforeMicros != e.timestampMicros())) {
      throw fail("slot " + e.index() + " chosen twice: " + before + "@" + beforeMicros + " and " + text + "@"
          + e.timestampMicros() + " at " + n.id);
    }
    if (before != null || !(e.command() instanceof Command.Write)) {
      return;
    }
    Long proposed = proposedMicros.get(text);
    if (proposed != null && proposed != e.timestampMicros()) {
      throw fail(text + " proposed at " + proposed + " but chosen at " + e.timestampMicros());
    }
    Map.Entry<Long, Long> lower = writeMicrosBySlot.lowerEntry(e.index());
    Map.Entry<Long, Long> higher = writeMicrosBySlot.higherEntry(e.index());
    if ((lower != null && lower.getValue() >= e.timestampMicros())
        || (higher != null && higher.getValue() <= e.timestampMicros())) {
      throw fail("write timestamps not increasing around slot " + e.index() + ": " + lower + " / "
          + e.timestampMicros() + " / " + higher);
    }
    writeMicrosBySlot.put(e.index(), e.timestampMicros());
    writeSlotByMicros.put(e.timestampMicros(), e.index());
    for (SimCluster.Node other : cluster.nodes.values()) {
      checkSafeTime(other);
    }
  }

  void afterReady(SimCluster.Node n) {
    checkSafeTime(n);
  }

  /** Every chosen write at or below the replica's safe time must be applied there. */
  private void checkSafeTime(SimCluster.Node n) {
    if (!n.up) {
      return;
    }
    long safe = n.replica.safeTimeMicros();
    Map.Entry<Long, Long> last = writeSlotByMicros.floorEntry(safe);
    if (last != null && last.getValue() > n.appliedIndex()) {
      throw fail(n.id + " has safe time " + safe + " but has not applied the write at slot " + last.getValue()
          + " (timestamp " + last.getKey() + "), applied " + n.appliedIndex());
    }
  }

  void proposed(String payload, long timestampMicros) {
    if (timestampMicros <= maxReadMicros) {
      throw fail(payload + " proposed at " + timestampMicros + " not above an earlier read at " + maxReadMicros);
    }
    proposedMicros.put(payload, timestampMicros);
  }

  void read(SimCluster.Node n, ReadPermit.Granted g) {
    reads.add(new long[] {g.readIndex(), g.readTimestampMicros()});
    maxReadMicros = Math.max(maxReadMicros, g.readTimestampMicros());
  }

  /** At most one replica holds a lease that reaches past the true present. */
  void afterStep() {
    String holder = null;
    for (SimCluster.Node n : cluster.nodes.values()) {
      if (!n.up) {
        continue;
      }
      ReplicaStatus st = n.replica.status(n.now());
      if (st.role() == ReplicaStatus.Role.LEADER && st.leaseEndMicros() > cluster.trueMicros) {
        if (holder != null) {
          throw fail("leases overlap at true time " + cluster.trueMicros + ": " + holder + " and " + n.id);
        }
        holder = n.id;
        leaseChecks++;
      }
    }
  }

  /** Reads saw complete prefixes: every chosen write at or below a read's timestamp is within its index. */
  void finish() {
    for (long[] r : reads) {
      Map.Entry<Long, Long> last = writeSlotByMicros.floorEntry(r[1]);
      if (last != null && last.getValue() > r[0]) {
        throw fail("read at " + r[1] + " (index " + r[0] + ") misses the write at slot " + last.getValue());
      }
    }
  }

  int chosenCount() {
    return chosen.size();
  }

  int writesChosen() {
    return writeMicrosBySlot.size();
  }
}
