package meridian.server.sql;

import java.util.List;

/**
 * A secondary index over {@code columns} (names, lower case). {@link State#WRITE_ONLY}: every
 * write maintains it, but no plan reads it (it is being backfilled); {@link State#PUBLIC}: complete.
 */
public record IndexDef(int id, String name, boolean unique, List<String> columns, State state) {
  public enum State {
    WRITE_ONLY,
    PUBLIC
  }

  public IndexDef {
    columns = List.copyOf(columns);
  }

  public IndexDef withState(State s) {
    return new IndexDef(id, name, unique, columns, s);
  }
}
