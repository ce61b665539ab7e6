package meridian.server.sql;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The bytes of a catalog entry ({@link TableDef}); the first byte is the format version. */
public final class CatalogCodec {
  private static final int FORMAT = 1;

  private CatalogCodec() {}

  public static byte[] encode(TableDef t) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      out.writeLong(t.id());
      out.writeUTF(t.name());
      out.writeLong(t.version());
      out.writeInt(t.nextColumnId());
      out.writeInt(t.columns().size());
      for (ColumnDef c : t.columns()) {
        out.writeInt(c.id());
        out.writeUTF(c.name());
        out.writeUTF(c.type().name());
        out.writeBoolean(c.nullable());
      }
      writeNames(out, t.primaryKey());
      out.writeInt(t.indexes().size());
      for (IndexDef i : t.indexes()) {
        out.writeInt(i.id());
        out.writeUTF(i.name());
        out.writeBoolean(i.unique());
        writeNames(out, i.columns());
        out.writeUTF(i.state().name());
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toByteArray();
  }

  public static TableDef decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int format = in.readUnsignedByte();
      if (format != FORMAT) {
        throw new SqlError(SqlError.INTERNAL, "catalog entry in unknown format " + format + " (written by a newer Meridian?)");
      }
      long id = in.readLong();
      String name = in.readUTF();
      long version = in.readLong();
      int nextColumnId = in.readInt();
      int columnCount = in.readInt();
      List<ColumnDef> columns = new ArrayList<>();
      for (int i = 0; i < columnCount; i++) {
        columns.add(new ColumnDef(in.readInt(), in.readUTF(), Type.valueOf(in.readUTF()), in.readBoolean()));
      }
      List<String> primaryKey = readNames(in);
      int indexCount = in.readInt();
      List<IndexDef> indexes = new ArrayList<>();
      for (int i = 0; i < indexCount; i++) {
        indexes.add(new IndexDef(in.readInt(), in.readUTF(), in.readBoolean(), readNames(in), IndexDef.State.valueOf(in.readUTF())));
      }
      return new TableDef(id, name, columns, primaryKey, indexes, version, nextColumnId);
    } catch (IOException | IllegalArgumentException e) {
      throw new SqlError(SqlError.INTERNAL, "catalog entry is corrupt: " + e.getMessage(), e);
    }
  }

  private static void writeNames(DataOutputStream out, List<String> names) throws IOException {
    out.writeInt(names.size());
    for (String n : names) {
      out.writeUTF(n);
    }
  }

  private static List<String> readNames(DataInputStream in) throws IOException {
    int n = in.readInt();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      names.add(in.readUTF());
    }
    return names;
  }
}
