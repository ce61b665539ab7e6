package meridian.paxos;

import java.util.Objects;

/**
 * The static configuration of one replica of one Paxos group.
 *
 * @param groupId the group this replica belongs to; messages of other groups are dropped
 * @param self this replica's id (a node id, as in {@link Membership})
 * @param initialMembership the membership before any {@link Command.ChangeMembership} is chosen
 * @param tickMicros how often the host calls {@link Replica#tick}
 * @param heartbeatTicks a leader sends a heartbeat (an empty {@link Message.Accept}) this often
 * @param electionTicksMin lower bound of the randomized election timeout
 * @param electionTicksMax upper bound (inclusive) of the randomized election timeout
 * @param leaseDurationMicros how long a lease vote lasts; must cover several heartbeats
 * @param windowMax slots a leader keeps in flight (proposed, not yet chosen) at most
 * @param batchEntriesMax entries one {@link Message.Accept} carries at most
 * @param batchBytesMax bytes of payload one message carries at most; a single write above this
 *     is refused at {@link Replica#propose}
 */
public record ReplicaConfig(
    long groupId,
    String self,
    Membership initialMembership,
    long tickMicros,
    int heartbeatTicks,
    int electionTicksMin,
    int electionTicksMax,
    long leaseDurationMicros,
    int windowMax,
    int batchEntriesMax,
    long batchBytesMax) {

  /** Fixed per-entry overhead counted against {@link #batchBytesMax} (index, ballot, timestamp). */
  public static final long ENTRY_OVERHEAD_BYTES = 64;

  /** Fixed per-message overhead counted against {@link #batchBytesMax}. */
  public static final long MESSAGE_OVERHEAD_BYTES = 256;

  public ReplicaConfig {
    Objects.requireNonNull(self, "self");
    Objects.requireNonNull(initialMembership, "initialMembership");
    if (self.isEmpty()) {
      throw new IllegalArgumentException("self must not be empty");
    }
    if (tickMicros <= 0 || heartbeatTicks <= 0) {
      throw new IllegalArgumentException("tickMicros and heartbeatTicks must be positive");
    }
    if (electionTicksMin <= heartbeatTicks || electionTicksMax < electionTicksMin) {
      throw new IllegalArgumentException(
          "need heartbeatTicks < electionTicksMin <= electionTicksMax, got "
              + heartbeatTicks + ", " + electionTicksMin + ".." + electionTicksMax);
    }
    // Leases are extended by heartbeats; a lease shorter than a few heartbeat periods would lapse
    // between two extensions on every small message delay.
    if (leaseDurationMicros < 4L * heartbeatTicks * tickMicros) {
      throw new IllegalArgumentException(
          "leaseDurationMicros " + leaseDurationMicros + " must be at least 4 heartbeats ("
              + 4L * heartbeatTicks * tickMicros + " us)");
    }
    if (windowMax <= 0 || batchEntriesMax <= 0) {
      throw new IllegalArgumentException("windowMax and batchEntriesMax must be positive");
    }
    if (batchBytesMax < MESSAGE_OVERHEAD_BYTES + 2 * ENTRY_OVERHEAD_BYTES) {
      throw new IllegalArgumentException("batchBytesMax " + batchBytesMax + " is too small");
    }
  }

  /**
   * Defaults: ticks of 50 ms, heartbeat every 2 ticks, election timeout 10..20 ticks, 2 s leases,
   * 512 slots in flight, batches of at most 128 entries and 1 MiB.
   */
  public static ReplicaConfig defaults(long groupId, String self, Membership membership) {
    return new ReplicaConfig(groupId, self, membership, 50_000, 2, 10, 20, 2_000_000, 512, 128, 1 << 20);
  }

  /** The largest write payload {@link Replica#propose} accepts: it must fit one message alone. */
  public long payloadBytesMax() {
    return batchBytesMax - MESSAGE_OVERHEAD_BYTES - ENTRY_OVERHEAD_BYTES;
  }
}
