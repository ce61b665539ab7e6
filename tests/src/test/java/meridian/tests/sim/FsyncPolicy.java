package meridian.tests.sim;

import meridian.paxos.HardState;
import meridian.paxos.PersistedState;
import meridian.paxos.Ready;

/**
 * Which of a host's writes it fsyncs before sending ({@link SimConfig.DiskPolicy}). STRICT: all of
 * them. The lazy policies, like the server's {@code GroupRuntime}: log changes, a new promise and
 * a vote for a different leader are synced; a lease extension or a commit index alone is not (a
 * later fsync makes it durable, in write order). LAZY_LEASE_EXTENSIONS then raises a restored
 * vote's expiry to {@code now.latest + leaseDuration}, which covers every extension a crash lost.
 */
final class FsyncPolicy {
  private final SimConfig.DiskPolicy policy;
  // The hard state of the last write an fsync was asked for, and of the last write.
  private HardState synced = HardState.INITIAL;
  private HardState written = HardState.INITIAL;

  FsyncPolicy(SimConfig.DiskPolicy policy) {
    this.policy = policy;
  }

  /** What a restarted replica is handed: the synced state, its vote re-extended when lazy. */
  PersistedState restarted(PersistedState restored, long nowLatestMicros, long leaseDurationMicros) {
    synced = restored.hardState();
    written = restored.hardState();
    HardState h = restored.hardState();
    if (policy != SimConfig.DiskPolicy.LAZY_LEASE_EXTENSIONS || h.leaseVoteLeader().isEmpty()) {
      return restored;
    }
    long expiry = Math.max(h.leaseVoteExpiryMicros(), nowLatestMicros + leaseDurationMicros);
    return new PersistedState(new HardState(h.promised(), h.leaseVoteLeader(), expiry, h.commitIndex()),
        restored.log(), restored.snapshotIndex(), restored.snapshotBallot(), restored.snapshotTimestampMicros(),
        restored.snapshotMembership(), restored.appliedIndex());
  }

  /** Whether the write of {@code r} must be fsynced before its messages leave. */
  boolean needsSync(Ready r) {
    written = r.hardState().orElse(written);
    boolean lazy = policy == SimConfig.DiskPolicy.LAZY_LEASE_EXTENSIONS
        || policy == SimConfig.DiskPolicy.LAZY_WITHOUT_REEXTENSION;
    boolean sync = !lazy || r.truncateFromIndex() > 0 || !r.entries().isEmpty()
        || !written.promised().equals(synced.promised()) || !written.leaseVoteLeader().equals(synced.leaseVoteLeader());
    if (sync) {
      synced = written; // as the server does: the fsync is asked for now
    }
    return sync;
  }

  /** Messages leave before the fsync (broken; self-test only). */
  boolean sendsBeforeFsync() {
    return policy == SimConfig.DiskPolicy.SEND_BEFORE_FSYNC;
  }
}
