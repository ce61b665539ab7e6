package meridian.server.sql;

import com.google.protobuf.ByteString;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import meridian.server.replication.Keys;
import meridian.storage.keys.KeyDecoder;
import meridian.storage.keys.KeyEncoder;
import meridian.storage.keys.SortOrder;

/**
 * Storage keys of rows, index entries and catalog entries (package docs, "Data layout"), and the
 * order-preserving encoding of each type's values (NUMERIC as a 16-byte scaled integer with its
 * sign bit flipped, DATE as its epoch day).
 */
public final class SqlKeys {
  /** The primary index's id inside a table's key space. */
  static final long PRIMARY = 0;
  static final byte[] CATALOG_PREFIX = Keys.concat(Keys.SYSTEM_PREFIX, "sql/table/".getBytes(StandardCharsets.US_ASCII));
  static final byte[] NEXT_TABLE_ID = Keys.concat(Keys.SYSTEM_PREFIX, "sql/next-table-id".getBytes(StandardCharsets.US_ASCII));
  private static final BigDecimal NUMERIC_MAX = new BigDecimal("1e29");

  private SqlKeys() {}

  public static byte[] catalogKey(long tableId) {
    return Keys.concat(CATALOG_PREFIX, new KeyEncoder().appendInt64(tableId, SortOrder.ASC).toBytes());
  }

  /**
   * The catalog's key range [{@code catalogStart()}, {@link #catalogEnd()}) in group 1: one entry
   * per table ({@link CatalogCodec}). Public for tools that must find a table's id and key layout
   * the way the SQL layer does (the SQL benchmark's native path).
   */
  public static byte[] catalogStart() {
    return CATALOG_PREFIX.clone();
  }

  public static byte[] catalogEnd() {
    return Keys.prefixEnd(CATALOG_PREFIX);
  }

  /** Start of index {@code indexId} of table {@code tableId} (0: the rows). */
  public static byte[] indexPrefix(long tableId, long indexId) {
    return Keys.concat(Keys.SQL_PREFIX, new KeyEncoder().appendInt64(tableId, SortOrder.ASC).appendInt64(indexId, SortOrder.ASC).toBytes());
  }

  public static byte[] tablePrefix(long tableId) {
    return Keys.concat(Keys.SQL_PREFIX, new KeyEncoder().appendInt64(tableId, SortOrder.ASC).toBytes());
  }

  /** The key of the row with primary key {@code pk} (values in primary-key order). */
  public static byte[] rowKey(TableDef t, List<Object> pk) {
    return key(indexPrefix(t.id(), PRIMARY), t.primaryKeyColumns().stream().map(ColumnDef::type).toList(), pk);
  }

  /** {@code prefix} followed by {@code values} encoded as {@code types}; a shorter list is a key prefix. */
  public static byte[] key(byte[] prefix, List<Type> types, List<Object> values) {
    KeyEncoder e = new KeyEncoder();
    for (int i = 0; i < values.size(); i++) {
      append(e, types.get(i), values.get(i));
    }
    return Keys.concat(prefix, e.toBytes());
  }

  /** The primary key values stored in a row key. */
  public static List<Object> decodeRowKey(TableDef t, byte[] key) {
    byte[] prefix = indexPrefix(t.id(), PRIMARY);
    KeyDecoder d = new KeyDecoder(Arrays.copyOfRange(key, prefix.length, key.length));
    List<Object> values = new ArrayList<>();
    for (ColumnDef c : t.primaryKeyColumns()) {
      values.add(read(d, c.type()));
    }
    return values;
  }

  static void append(KeyEncoder e, Type type, Object v) {
    if (v == null) {
      e.appendNull(SortOrder.ASC);
      return;
    }
    switch (type) {
      case INT64 -> e.appendInt64((Long) v, SortOrder.ASC);
      case FLOAT64 -> e.appendFloat64((Double) v, SortOrder.ASC);
      case BOOL -> e.appendBoolean((Boolean) v, SortOrder.ASC);
      case STRING -> e.appendString((String) v, SortOrder.ASC);
      case BYTES -> e.appendBytes(((ByteString) v).toByteArray(), SortOrder.ASC);
      case DATE -> e.appendInt64(((LocalDate) v).toEpochDay(), SortOrder.ASC);
      case TIMESTAMP -> e.appendTimestampMicros(micros((Instant) v), SortOrder.ASC);
      case NUMERIC -> e.appendBytes(numericBytes((BigDecimal) v), SortOrder.ASC);
    }
  }

  static Object read(KeyDecoder d, Type type) {
    if (d.tryReadNull(SortOrder.ASC)) {
      return null;
    }
    return switch (type) {
      case INT64 -> d.readInt64(SortOrder.ASC);
      case FLOAT64 -> d.readFloat64(SortOrder.ASC);
      case BOOL -> d.readBoolean(SortOrder.ASC);
      case STRING -> d.readString(SortOrder.ASC);
      case BYTES -> ByteString.copyFrom(d.readBytes(SortOrder.ASC));
      case DATE -> LocalDate.ofEpochDay(d.readInt64(SortOrder.ASC));
      case TIMESTAMP -> instant(d.readTimestampMicros(SortOrder.ASC));
      case NUMERIC -> numeric(d.readBytes(SortOrder.ASC));
    };
  }

  public static long micros(Instant i) {
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1_000);
  }

  public static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  /** 16 bytes, big-endian two's complement of value * 10^9 with the sign bit flipped: byte order is numeric order. */
  static byte[] numericBytes(BigDecimal v) {
    if (v.abs().compareTo(NUMERIC_MAX) >= 0) {
      throw new SqlError(SqlError.NUMERIC_OUT_OF_RANGE, "NUMERIC value " + v.toPlainString() + " has more than 29 digits before the point");
    }
    BigInteger scaled = v.setScale(9, RoundingMode.HALF_UP).unscaledValue();
    byte[] raw = scaled.toByteArray();
    byte[] out = new byte[16];
    byte fill = (byte) (scaled.signum() < 0 ? 0xff : 0);
    Arrays.fill(out, 0, 16 - raw.length, fill);
    System.arraycopy(raw, 0, out, 16 - raw.length, raw.length);
    out[0] ^= (byte) 0x80;
    return out;
  }

  /** No trailing zeros after the point, and never an exponent (100, not 1E+2). */
  public static BigDecimal normalize(BigDecimal v) {
    BigDecimal stripped = v.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  static BigDecimal numeric(byte[] bytes) {
    byte[] raw = bytes.clone();
    raw[0] ^= (byte) 0x80;
    return normalize(new BigDecimal(new BigInteger(raw), 9));
  }
}
