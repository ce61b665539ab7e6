package meridian.server.sql;

import java.util.List;
import meridian.server.txn.SnapshotReads;
import meridian.storage.Version;

/** {@link Access} at one timestamp, lock-free: what read-only transactions and autocommit queries use. */
final class SnapshotAccess implements Access {
  private final SnapshotReads snapshots;
  private final long readMicros;
  private final Await.Deadline deadline;

  SnapshotAccess(SnapshotReads snapshots, long readMicros, Await.Deadline deadline) {
    this.snapshots = snapshots;
    this.readMicros = readMicros;
    this.deadline = deadline;
  }

  long readMicros() {
    return readMicros;
  }

  @Override
  public List<Version> get(List<byte[]> keys) {
    return keys.isEmpty() ? List.of() : Await.get(snapshots.read(keys, readMicros), deadline, "reading rows").rows();
  }

  @Override
  public Page scan(byte[] start, byte[] end, int limit) {
    SnapshotReads.Snapshot s = Await.get(snapshots.readRange(start, end, limit, readMicros), deadline, "scanning rows");
    return new Page(s.rows(), s.more(), s.resumeKey());
  }

  @Override
  public void put(byte[] key, byte[] value) {
    throw readOnlyError();
  }

  @Override
  public void delete(byte[] key) {
    throw readOnlyError();
  }

  static SqlError readOnlyError() {
    return new SqlError(SqlError.READ_ONLY_TRANSACTION, "cannot write in a read-only transaction");
  }

  @Override
  public boolean readOnly() {
    return true;
  }
}
