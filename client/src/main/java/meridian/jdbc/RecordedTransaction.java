package meridian.jdbc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import meridian.proto.v1.ColumnMetadata;
import meridian.proto.v1.ExecuteRequest;
import meridian.proto.v1.ExecuteResponse;
import meridian.proto.v1.Row;

/**
 * The statements an explicit transaction has run, each with a SHA-256 checksum of what it saw
 * (its rows, or its update count, or the SQLState it failed with), so that after an abort the
 * driver can run them again in a new transaction and tell whether the retry saw the same data
 * (Spanner JDBC's approach). Only checksums are kept, never the rows.
 */
final class RecordedTransaction {
  /** A transaction with more statements than this is not retried: replaying it could take as long again. */
  static final int STATEMENTS_MAX = 10_000;

  /** One statement as it was sent, with its timeout, and the checksum of its outcome. */
  record Entry(ExecuteRequest request, long timeoutMillis, byte[] checksum) {}

  private final String beginSql;
  private final List<Entry> entries = new ArrayList<>();
  // Invariant: once overflowed, entries is incomplete and the transaction cannot be replayed.
  private boolean overflowed;

  RecordedTransaction(String beginSql) {
    this.beginSql = beginSql;
  }

  /** The statement that began the transaction, sent again to begin a retry. */
  String beginSql() {
    return beginSql;
  }

  List<Entry> entries() {
    return entries;
  }

  boolean replayable() {
    return !overflowed;
  }

  void record(ExecuteRequest request, long timeoutMillis, byte[] checksum) {
    if (entries.size() >= STATEMENTS_MAX) {
      overflowed = true;
      entries.clear();
      return;
    }
    if (!overflowed) {
      entries.add(new Entry(request, timeoutMillis, checksum));
    }
  }

  static boolean same(byte[] a, byte[] b) {
    return Arrays.equals(a, b);
  }

  /** The checksum of a statement's result: whether it was a query, its columns and rows, its update count. */
  static byte[] checksum(ExecuteResponse response) {
    MessageDigest digest = sha256();
    digest.update((byte) (response.getIsQuery() ? 1 : 0));
    digest.update(ByteBuffer.allocate(Long.BYTES).putLong(response.getUpdateCount()).array());
    for (ColumnMetadata column : response.getColumnsList()) {
      lengthPrefixed(digest, column.getName().getBytes(StandardCharsets.UTF_8));
      digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(column.getTypeValue()).array());
    }
    for (Row row : response.getRowsList()) {
      // A message's serialization is deterministic for the same values (no maps in Row).
      lengthPrefixed(digest, row.toByteArray());
    }
    return digest.digest();
  }

  /** The checksum of a statement that failed: its SQLState (the message may name a node or a time). */
  static byte[] checksum(SQLException failure) {
    MessageDigest digest = sha256();
    digest.update((byte) 2);
    digest.update(String.valueOf(failure.getSQLState()).getBytes(StandardCharsets.UTF_8));
    return digest.digest();
  }

  private static void lengthPrefixed(MessageDigest digest, byte[] bytes) {
    digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
    digest.update(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
