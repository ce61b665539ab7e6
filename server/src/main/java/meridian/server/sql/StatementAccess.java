package meridian.server.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import meridian.storage.Version;
import meridian.txn.Key;

/**
 * One statement's writes, held back until the statement succeeds, so a failed statement inside
 * an explicit transaction leaves the transaction as it was. Reads see the statement's own writes.
 */
final class StatementAccess implements Access {
  private static final byte[] DELETED = new byte[0];

  private final Access inner;
  // Key -> value, or DELETED.
  private final TreeMap<Key, byte[]> pending = new TreeMap<>();

  StatementAccess(Access inner) {
    this.inner = inner;
  }

  @Override
  public List<Version> get(List<byte[]> keys) {
    List<byte[]> missing = new ArrayList<>();
    List<Version> rows = new ArrayList<>();
    for (byte[] k : keys) {
      byte[] own = pending.get(Key.of(k));
      if (own == null) {
        missing.add(k);
      } else if (own != DELETED) {
        rows.add(new Version(k, own, 0));
      }
    }
    rows.addAll(inner.get(missing));
    return rows;
  }

  @Override
  public Page scan(byte[] start, byte[] end, int limit) {
    Page page = inner.scan(start, end, limit);
    byte[] pageEnd = page.more() ? page.resumeKey() : end;
    if (pending.isEmpty()) {
      return page;
    }
    TreeMap<Key, Version> merged = new TreeMap<>();
    page.rows().forEach(v -> merged.put(Key.of(v.key()), v));
    Map<Key, byte[]> own = pageEnd == null ? pending.tailMap(Key.of(start), true) : pending.subMap(Key.of(start), Key.of(pageEnd));
    own.forEach((k, v) -> {
      if (v == DELETED) {
        merged.remove(k);
      } else {
        merged.put(k, new Version(k.toByteArray(), v, 0));
      }
    });
    return new Page(List.copyOf(merged.values()), page.more(), page.resumeKey());
  }

  @Override
  public void put(byte[] key, byte[] value) {
    if (inner.readOnly()) {
      throw SnapshotAccess.readOnlyError();
    }
    pending.put(Key.of(key), value);
    if (pending.size() > Limits.ROWS_MAX * 4) {
      throw new SqlError(SqlError.PROGRAM_LIMIT, "a statement may write at most " + Limits.ROWS_MAX * 4 + " keys (rows and index entries)");
    }
  }

  @Override
  public void delete(byte[] key) {
    if (inner.readOnly()) {
      throw SnapshotAccess.readOnlyError();
    }
    pending.put(Key.of(key), DELETED);
  }

  @Override
  public boolean readOnly() {
    return inner.readOnly();
  }

  /** Hands the statement's writes to the transaction: the statement succeeded. */
  void flush() {
    pending.forEach((k, v) -> {
      if (v == DELETED) {
        inner.delete(k.toByteArray());
      } else {
        inner.put(k.toByteArray(), v);
      }
    });
    pending.clear();
  }
}
