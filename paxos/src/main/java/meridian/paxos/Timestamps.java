package meridian.paxos;

import meridian.truetime.TTInterval;

/**
 * The leader's timestamp discipline. Every timestamp a leader hands out (a write's, a lease read's,
 * or the bound below a MinNextTS promise) is at most {@link #lastAssignedMicros}, and inside a lease
 * this leader held; later writes of this leader are above it, and writes of any later leader are
 * above it because they come after this lease in true time (leases are disjoint) and take at least
 * their own {@code TT.now().latest}.
 */
final class Timestamps {
  // Invariant: >= every timestamp handed out by this replica (writes, reads, MinNextTS - 1) and
  // >= every write timestamp in its log; never decreases. It is s_max of the paper.
  private long lastAssignedMicros;

  Timestamps(long restoredFloorMicros) {
    lastAssignedMicros = restoredFloorMicros;
  }

  long lastAssignedMicros() {
    return lastAssignedMicros;
  }

  /** Raises the floor (recovered entries, restored state). */
  void observe(long timestampMicros) {
    lastAssignedMicros = Math.max(lastAssignedMicros, timestampMicros);
  }

  /**
   * A write's timestamp: above everything handed out, at least {@code now.latest} (so commit wait
   * means something) and {@code floorMicros}, below {@code leaseEndMicros}. Returns 0 when no such
   * timestamp exists.
   */
  long assignWrite(TTInterval now, long leaseEndMicros, long floorMicros) {
    long ts = Math.max(Math.max(lastAssignedMicros + 1, now.latestMicros()), floorMicros);
    if (ts >= leaseEndMicros) {
      return 0;
    }
    lastAssignedMicros = ts;
    return ts;
  }

  /** A lease read at {@code now.latest}: later writes must be above it. */
  long assignRead(TTInterval now) {
    observe(now.latestMicros());
    return now.latestMicros();
  }

  /**
   * The MinNextTS to promise when every write of this leader is at or below the commit index:
   * {@code now.latest} when {@code reserve} (the lease is valid, so it is below the lease end), else
   * just above what is handed out. The promise binds this leader: the floor moves up to it.
   */
  long promiseMinNext(TTInterval now, boolean reserve) {
    if (reserve && now != null) {
      observe(now.latestMicros() - 1);
    }
    return lastAssignedMicros == 0 ? 0 : lastAssignedMicros + 1;
  }
}
