package meridian.paxos;

import java.util.List;
import java.util.Optional;

/**
 * What a {@link Replica} step asks its host to do, in this order (the contract of the type):
 *
 * <ol>
 *   <li>Persist {@link #hardState} (when present), remove log entries from {@link
 *       #truncateFromIndex} on (when present), and persist {@link #entries}, all durably (fsync),
 *       in one atomic write.
 *   <li>Only then send {@link #messages}: a promise or an accept must not leave before the state
 *       that makes it true is on disk. (Messages of a leader to itself are not in the list.)
 *   <li>Apply {@link #committed} to the state machine in index order (they are chosen; applying
 *       them needs no further durability from Paxos, but the host records its applied index with
 *       the state machine's writes).
 *   <li>Install a snapshot when {@link #snapshotToInstall} says so, then report with {@code
 *       snapshotInstalled}.
 * </ol>
 *
 * @param truncateFromIndex 0 when nothing is to be removed
 */
public record Ready(
    Optional<HardState> hardState,
    long truncateFromIndex,
    List<LogEntry> entries,
    List<Message> messages,
    List<LogEntry> committed,
    Optional<SnapshotRequest> snapshotToInstall) {

  public static final Ready EMPTY = new Ready(Optional.empty(), 0, List.of(), List.of(), List.of(), Optional.empty());

  public Ready {
    entries = List.copyOf(entries);
    messages = List.copyOf(messages);
    committed = List.copyOf(committed);
  }

  public boolean isEmpty() {
    return hardState.isEmpty() && truncateFromIndex == 0 && entries.isEmpty() && messages.isEmpty()
        && committed.isEmpty() && snapshotToInstall.isEmpty();
  }

  /** Fetch the leader's state machine snapshot at {@code index} from {@code leader}. */
  public record SnapshotRequest(String leader, long index) {}
}
