package meridian.server.jepsen;

/**
 * One operation a client asks for: {@code f} (read, write, cas, txn, ...), an optional key, and a
 * value in the history's JSON shape (null, Long, String, List, Map).
 */
public record Op(String f, Long key, Object value) {
  public Op {
    java.util.Objects.requireNonNull(f);
  }
}
