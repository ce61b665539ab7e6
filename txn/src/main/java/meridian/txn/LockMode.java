package meridian.txn;

/** Shared locks protect reads (keys and ranges), exclusive locks protect writes (keys). */
public enum LockMode {
  SHARED,
  EXCLUSIVE;

  boolean conflictsWith(LockMode other) {
    return this == EXCLUSIVE || other == EXCLUSIVE;
  }
}
