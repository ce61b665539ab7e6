package meridian.server.sql;

import java.util.List;
import meridian.storage.Version;

/**
 * What a statement reads and writes through: a read-write transaction (locking reads, buffered
 * writes) or a snapshot at one timestamp (lock-free, read-only). Calls block the statement's
 * thread, each within the statement's deadline.
 */
public interface Access {
  /** The live rows of {@code keys} that exist. */
  List<Version> get(List<byte[]> keys);

  /** Up to {@code limit} live rows of [start, end) in key order, and where to go on. */
  Page scan(byte[] start, byte[] end, int limit);

  void put(byte[] key, byte[] value);

  void delete(byte[] key);

  boolean readOnly();

  /** Rows of a scan; {@code resumeKey} is where the next page starts when {@code more}. */
  record Page(List<Version> rows, boolean more, byte[] resumeKey) {}
}
