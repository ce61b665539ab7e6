package meridian.server.sql;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import meridian.storage.keys.KeyDecoder;
import meridian.storage.keys.KeyEncoder;
import meridian.storage.keys.SortOrder;

/**
 * A row's stored value: its non-key, non-null columns as (column id, value) pairs, in the key
 * encoding (self-describing, so an unknown id, a dropped column's, is skipped). A row with no
 * such column is one zero byte, because storage has no empty values for live rows.
 */
public final class RowCodec {
  private static final byte[] EMPTY_ROW = {0};

  private RowCodec() {}

  /** {@code row} holds every column of {@code t} in table order. */
  public static byte[] encode(TableDef t, Object[] row) {
    KeyEncoder e = new KeyEncoder();
    boolean any = false;
    for (int i = 0; i < t.columns().size(); i++) {
      ColumnDef c = t.columns().get(i);
      Object v = row[i];
      if (v != null && !t.isKey(c.name())) {
        e.appendInt64(c.id(), SortOrder.ASC);
        SqlKeys.append(e, c.type(), v);
        any = true;
      }
    }
    return any ? e.toBytes() : EMPTY_ROW;
  }

  /** Every column of {@code t} in table order: key columns from the key, others from the value. */
  public static Object[] decode(TableDef t, byte[] key, byte[] value) {
    Object[] row = new Object[t.columns().size()];
    List<Object> pk = SqlKeys.decodeRowKey(t, key);
    for (int i = 0; i < t.primaryKey().size(); i++) {
      row[t.position(t.primaryKey().get(i))] = pk.get(i);
    }
    if (Arrays.equals(value, EMPTY_ROW)) {
      return row;
    }
    Map<Integer, Integer> positionById = new HashMap<>();
    for (int i = 0; i < t.columns().size(); i++) {
      positionById.put(t.columns().get(i).id(), i);
    }
    KeyDecoder d = new KeyDecoder(value);
    while (d.hasRemaining()) {
      int id = (int) d.readInt64(SortOrder.ASC);
      Integer position = positionById.get(id);
      if (position == null || t.isKey(t.columns().get(position).name())) {
        d.skipComponent();
      } else {
        row[position] = SqlKeys.read(d, t.columns().get(position).type());
      }
    }
    return row;
  }
}
