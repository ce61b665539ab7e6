package meridian.txn;

/** A lock a transaction holds: what a Prepare record carries so a new leader can re-take it. */
public record HeldLock(KeySpan span, LockMode mode) {}
