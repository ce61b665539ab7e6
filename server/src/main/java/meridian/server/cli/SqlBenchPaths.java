package meridian.server.cli;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import meridian.client.NodeClient;
import meridian.proto.v1.KeyValue;
import meridian.proto.v1.ReadResponse;
import meridian.proto.v1.TimestampBound;
import meridian.server.replication.Keys;
import meridian.server.sql.RowCodec;
import meridian.server.sql.SqlKeys;
import meridian.server.sql.TableDef;

/**
 * The two ways {@code meridian bench-sql} does its three operations on table {@code bench_sql}:
 * SQL through the JDBC driver, and the native client on the same rows' storage keys, found from
 * the table's catalog entry exactly as the SQL layer finds them ({@link SqlKeys#rowKey}).
 *
 * <p>One difference is forced: the node refuses key/value and transaction writes of SQL keys
 * (they start with {@link Keys#SQL_PREFIX}), so the native update reads the row's own key under a
 * shared lock, as UPDATE does, and writes the new row value (v + 1, encoded as the SQL layer
 * encodes it) to a shadow key {@link #NATIVE_WRITE_PREFIX} + the row's primary key, which lies in
 * the same group as the rows on a cluster whose ranges were not split there (the command checks).
 * The reads read the very bytes SQL reads.
 */
final class SqlBenchPaths {
  static final String TABLE = "bench_sql";
  /** Where the native update writes: a user key (not reserved), in group 1 while the ranges are cut by first byte. */
  static final byte[] NATIVE_WRITE_PREFIX = Keys.concat(new byte[] {0, 2}, "bench-sql/".getBytes(StandardCharsets.US_ASCII));
  /** Attempts of a native update aborted by conflicts, as many as the SQL layer gives an autocommit write. */
  static final int UPDATE_ATTEMPTS_MAX = 10;
  static final TimestampBound STRONG = TimestampBound.newBuilder().setStrong(true).build();
  static final String SELECT_SQL = "SELECT v, pad FROM " + TABLE + " WHERE id = ?";
  static final String UPDATE_SQL = "UPDATE " + TABLE + " SET v = v + 1 WHERE id = ?";
  static final String SCAN_SQL = "SELECT id, v FROM " + TABLE + " WHERE id >= ? AND id < ? + " + SqlBenchReport.RANGE_ROWS;
  /** A statement that reads no row: what every statement pays before its rows (see SqlBenchCommand's breakdown). */
  static final String SELECT_ONE_SQL = "SELECT 1";

  private SqlBenchPaths() {}

  /** The operations measured, in order. */
  enum Operation {
    POINT_SELECT("point select"),
    POINT_UPDATE("point update"),
    RANGE_SCAN("range scan");

    final String label;

    Operation(String label) {
      this.label = label;
    }
  }

  /** One worker's way to run the operations; not thread-safe (one per worker). */
  interface Path extends AutoCloseable {
    /** Runs {@code op} on row {@code id} (a range scan: rows id .. id + 99); throws on any failure or wrong result. */
    void run(Operation op, long id) throws Exception;
  }

  /** Autocommit statements on one JDBC connection (one session at one node). */
  static final class Jdbc implements Path {
    private final Connection connection;
    private final PreparedStatement select;
    private final PreparedStatement update;
    private final PreparedStatement scan;
    private final PreparedStatement selectOne;

    Jdbc(Connection connection) throws SQLException {
      this.connection = connection;
      this.select = connection.prepareStatement(SELECT_SQL);
      this.update = connection.prepareStatement(UPDATE_SQL);
      this.scan = connection.prepareStatement(SCAN_SQL);
      this.selectOne = connection.prepareStatement(SELECT_ONE_SQL);
    }

    void selectOne() throws SQLException {
      try (ResultSet rs = selectOne.executeQuery()) {
        if (!rs.next() || rs.getLong(1) != 1) {
          throw new IllegalStateException("SELECT 1 did not return 1");
        }
      }
    }

    @Override
    public void run(Operation op, long id) throws SQLException {
      switch (op) {
        case POINT_SELECT -> {
          select.setLong(1, id);
          try (ResultSet rs = select.executeQuery()) {
            if (!rs.next()) {
              throw new IllegalStateException("row " + id + " is missing");
            }
            rs.getLong(1);
            rs.getString(2);
          }
        }
        case POINT_UPDATE -> {
          update.setLong(1, id);
          int updated = update.executeUpdate();
          if (updated != 1) {
            throw new IllegalStateException("UPDATE of row " + id + " changed " + updated + " rows");
          }
        }
        case RANGE_SCAN -> {
          scan.setLong(1, id);
          scan.setLong(2, id);
          int n = 0;
          try (ResultSet rs = scan.executeQuery()) {
            while (rs.next()) {
              rs.getLong(1);
              rs.getLong(2);
              n++;
            }
          }
          if (n != SqlBenchReport.RANGE_ROWS) {
            throw new IllegalStateException("range scan from " + id + " returned " + n + " rows");
          }
        }
      }
    }

    Connection connection() {
      return connection;
    }

    @Override
    public void close() throws SQLException {
      connection.close();
    }
  }

  /** The native client on the rows' storage keys, through one node. */
  static final class Native implements Path {
    private final NodeClient client;
    private final TableDef table;
    private final int vPosition;

    Native(NodeClient client, TableDef table) {
      this.client = client;
      this.table = table;
      this.vPosition = table.position("v");
      if (vPosition < 0) {
        throw new IllegalStateException("table " + TABLE + " has no column v");
      }
    }

    @Override
    public void run(Operation op, long id) {
      switch (op) {
        case POINT_SELECT -> {
          ReadResponse read = client.read(List.of(rowKey(table, id)), STRONG);
          if (read.getRowsCount() != 1) {
            throw new IllegalStateException("row " + id + " is missing");
          }
          decode(read.getRows(0));
        }
        case POINT_UPDATE -> {
          byte[] key = rowKey(table, id);
          client.readWriteTransaction(UPDATE_ATTEMPTS_MAX, txn -> {
            byte[] value = txn.get(key).orElseThrow(() -> new IllegalStateException("row " + id + " is missing"));
            Object[] row = RowCodec.decode(table, key, value);
            row[vPosition] = (Long) row[vPosition] + 1;
            txn.put(nativeWriteKey(table, key), RowCodec.encode(table, row));
            return null;
          });
        }
        case RANGE_SCAN -> {
          ReadResponse read = client.readRange(rowKey(table, id), rowKey(table, id + SqlBenchReport.RANGE_ROWS), SqlBenchReport.RANGE_ROWS, STRONG);
          if (read.getRowsCount() != SqlBenchReport.RANGE_ROWS) {
            throw new IllegalStateException("range read from " + id + " returned " + read.getRowsCount() + " rows");
          }
          read.getRowsList().forEach(this::decode);
        }
      }
    }

    /** A strong read of the whole catalog range, as every SQL statement reads it before planning. */
    void readCatalog() {
      ReadResponse read = client.readRange(SqlKeys.catalogStart(), SqlKeys.catalogEnd(), meridian.server.sql.Limits.TABLES_MAX, STRONG);
      if (read.getRowsCount() == 0) {
        throw new IllegalStateException("the catalog is empty");
      }
    }

    /** Row {@code id} as SQL would return it (every column in table order). */
    Object[] row(long id) {
      ReadResponse read = client.read(List.of(rowKey(table, id)), STRONG);
      return read.getRowsCount() == 0 ? null : decode(read.getRows(0));
    }

    private Object[] decode(KeyValue kv) {
      return RowCodec.decode(table, kv.getKey().toByteArray(), kv.getValue().toByteArray());
    }

    @Override
    public void close() {
      client.close();
    }
  }

  /** Closes {@code path}; a bench that is ending has nothing better to do with a failure to close. */
  static void closeQuietly(Path path) {
    try {
      path.close();
    } catch (Exception e) {
      // the node may be gone already
    }
  }

  static byte[] rowKey(TableDef table, long id) {
    return SqlKeys.rowKey(table, List.of(id));
  }

  /** The shadow key the native update writes for the row at {@code rowKey}: see the class comment. */
  static byte[] nativeWriteKey(TableDef table, byte[] rowKey) {
    int prefix = SqlKeys.indexPrefix(table.id(), 0).length;
    return Keys.concat(NATIVE_WRITE_PREFIX, Arrays.copyOfRange(rowKey, prefix, rowKey.length));
  }
}
