package meridian.txn;

import java.util.List;
import java.util.Optional;

/**
 * What applying one {@link TxnRecord} means for the host: the writes to make, all at {@code
 * atMicros}, and, for a Commit or an Abort at the coordinator, the decision now in force (which may
 * be the earlier, opposite one: the first decision wins).
 */
public record Applied(List<Write> writes, long atMicros, Optional<Decision> decision) {
  public static final Applied NOTHING = new Applied(List.of(), 0, Optional.empty());

  static Applied decided(Decision decision) {
    return new Applied(List.of(), 0, Optional.of(decision));
  }
}
