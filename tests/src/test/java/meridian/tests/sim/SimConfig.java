package meridian.tests.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Everything one simulated run is made of, drawn from its seed: the group, how long faults last,
 * the network's weather, disk latency, clock uncertainty, compaction and the client load. Two runs
 * of one seed with one {@code Shape} get equal configs.
 *
 * @param hosts every replica host, in order; the first {@code initialMembers} form the group at start
 * @param membershipChanges how many add/remove steps (3 -> 4 -> 3 ...) to make; 0 for a fixed group
 * @param faultPhaseMicros how long the nemesis acts; then everything heals
 * @param livenessBoundMicros after healing, a leader must commit a fresh write and every member catch
 *     up within this much true time
 */
record SimConfig(
    long seed,
    Shape shape,
    List<String> hosts,
    int initialMembers,
    int membershipChanges,
    long faultPhaseMicros,
    long livenessBoundMicros,
    SimNetwork.Faults initialWeather,
    long fsyncLatencyMaxMicros,
    long epsilonSyncMinMicros,
    long epsilonSyncMaxMicros,
    long clockSyncIntervalMicros,
    long driftPpm,
    int compactAfterEntries,
    int compactKeepEntries,
    long clientIntervalMaxMicros,
    double readFraction,
    long nemesisGapMaxMicros,
    DiskPolicy diskPolicy,
    long clockLieMicros) {

  /** Epoch of simulated true time: 2026-01-01T00:00:00Z, so timestamps look like real ones. */
  static final long START_MICROS = 1_767_225_600_000_000L;

  /** How hosts use their disks. */
  enum DiskPolicy {
    /** Every Ready is fsynced before its messages leave: the {@code Ready} contract as written. */
    STRICT,
    /**
     * The server's policy ({@code GroupRuntime}): a Ready that changes only a lease vote's expiry
     * or the commit index is written without fsync (a later fsync makes it durable, in order), and
     * a restart raises a stored vote's expiry to {@code now.latest + leaseDuration}.
     */
    LAZY_LEASE_EXTENSIONS,
    /** As LAZY_LEASE_EXTENSIONS without the re-extension at restart: broken, self-test only. */
    LAZY_WITHOUT_REEXTENSION,
    /** Messages leave before the fsync: broken, self-test only. */
    SEND_BEFORE_FSYNC
  }

  /** The kind of run, chosen by the caller; the rest comes from the seed. */
  record Shape(int replicas, boolean membershipChange, long faultPhaseMicros) {
    Shape {
      if (replicas < 1 || faultPhaseMicros < 0) {
        throw new IllegalArgumentException("bad shape");
      }
    }

    /**
     * The default mix by seed: of every five seeds, three run 3 replicas, one runs 5, one runs 3
     * with membership changes through a 4th host.
     */
    static Shape forSeed(long seed, long faultPhaseMicros) {
      return switch ((int) Math.floorMod(seed, 5L)) {
        case 3 -> new Shape(5, false, faultPhaseMicros);
        case 4 -> new Shape(3, true, faultPhaseMicros);
        default -> new Shape(3, false, faultPhaseMicros);
      };
    }

    /** The system properties that reproduce this shape. */
    String asProperties() {
      return "-Dmeridian.sim.replicas=" + replicas + " -Dmeridian.sim.membership=" + membershipChange
          + " -Dmeridian.sim.faultMillis=" + faultPhaseMicros / 1000;
    }
  }

  static SimConfig forSeed(long seed, Shape shape) {
    SplittableRandom r = new SplittableRandom(seed ^ 0x5EED_0F_5A_1AL);
    int hostCount = shape.membershipChange() ? shape.replicas() + 1 : shape.replicas();
    List<String> hosts = new ArrayList<>();
    for (int i = 1; i <= hostCount; i++) {
      hosts.add("n" + i);
    }
    double loss = r.nextInt(4) == 0 ? 0 : r.nextDouble(0, 0.2);
    long delayMin = r.nextLong(50, 1_000);
    long delayMax = delayMin + r.nextLong(0, 20_000);
    SimNetwork.Faults weather = new SimNetwork.Faults(loss, r.nextDouble(0, 0.1), r.nextDouble(0, 0.1), delayMin,
        delayMax, delayMax + r.nextLong(0, 300_000));
    long fsyncMax = r.nextInt(3) == 0 ? 0 : r.nextLong(10, 5_000);
    long epsMin = r.nextLong(0, 2_000);
    long epsMax = epsMin + r.nextLong(0, 5_000);
    return new SimConfig(
        seed,
        shape,
        List.copyOf(hosts),
        shape.replicas(),
        shape.membershipChange() ? 2 + r.nextInt(3) : 0,
        shape.faultPhaseMicros(),
        15_000_000,
        weather,
        fsyncMax,
        epsMin,
        epsMax,
        r.nextLong(500_000, 5_000_000),
        200,
        5 + r.nextInt(200),
        r.nextInt(20),
        r.nextLong(5_000, 100_000),
        r.nextDouble(0.1, 0.6),
        r.nextLong(300_000, 3_000_000),
        r.nextBoolean() ? DiskPolicy.STRICT : DiskPolicy.LAZY_LEASE_EXTENSIONS,
        0);
  }

  /** This config with hosts using {@code policy}. */
  SimConfig withDiskPolicy(DiskPolicy policy) {
    return new SimConfig(seed, shape, hosts, initialMembers, membershipChanges, faultPhaseMicros, livenessBoundMicros,
        initialWeather, fsyncLatencyMaxMicros, epsilonSyncMinMicros, epsilonSyncMaxMicros, clockSyncIntervalMicros,
        driftPpm, compactAfterEntries, compactKeepEntries, clientIntervalMaxMicros, readFraction, nemesisGapMaxMicros,
        policy, clockLieMicros);
  }

  /** This config with clocks that break their bound by up to {@code lieMicros} (self-test only). */
  SimConfig withLyingClocks(long lieMicros) {
    return new SimConfig(seed, shape, hosts, initialMembers, membershipChanges, faultPhaseMicros, livenessBoundMicros,
        initialWeather, fsyncLatencyMaxMicros, epsilonSyncMinMicros, epsilonSyncMaxMicros, clockSyncIntervalMicros,
        driftPpm, compactAfterEntries, compactKeepEntries, clientIntervalMaxMicros, readFraction, nemesisGapMaxMicros,
        diskPolicy, lieMicros);
  }

  @Override
  public String toString() {
    return "seed=" + seed + " hosts=" + hosts + " members=" + initialMembers + " membershipChanges=" + membershipChanges
        + " faultPhase=" + faultPhaseMicros / 1000 + "ms weather=" + initialWeather
        + " fsyncMax=" + fsyncLatencyMaxMicros
        + "us eps=" + epsilonSyncMinMicros + ".." + epsilonSyncMaxMicros + "us compactAfter=" + compactAfterEntries
        + " keep=" + compactKeepEntries + " clientInterval<=" + clientIntervalMaxMicros + "us reads=" + readFraction
        + " nemesisGap<=" + nemesisGapMaxMicros + "us disk=" + diskPolicy
        + (clockLieMicros > 0 ? " LYING CLOCKS " + clockLieMicros : "");
  }
}
