package meridian.paxos;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a replica accumulates between two {@link Replica#ready()} calls. Everything that depends on
 * new acceptor state (a promise, an accepted reply, a lease vote) is queued here together with that
 * state, and {@link Ready}'s contract makes the host persist before it sends.
 */
final class Outbox {
  private boolean hardStateDirty;
  // Latest version of each slot written since the last drain (a slot written twice is persisted once).
  private final TreeMap<Long, LogEntry> entries = new TreeMap<>();
  private final List<Message> messages = new ArrayList<>();
  private Ready.SnapshotRequest snapshotRequest;

  void hardStateChanged() {
    hardStateDirty = true;
  }

  void persist(LogEntry entry) {
    entries.put(entry.index(), entry);
  }

  void send(Message message) {
    messages.add(message);
  }

  void requestSnapshot(Ready.SnapshotRequest request) {
    snapshotRequest = request;
  }

  /** Slots at or below {@code index} are covered by a snapshot: no need to persist them. */
  void dropEntriesThrough(long index) {
    entries.headMap(index, true).clear();
  }

  Ready drain(HardState hardState, List<LogEntry> committed) {
    Ready ready = new Ready(
        hardStateDirty ? Optional.of(hardState) : Optional.empty(),
        0,
        new ArrayList<>(entries.values()),
        messages,
        committed,
        Optional.ofNullable(snapshotRequest));
    hardStateDirty = false;
    entries.clear();
    messages.clear();
    snapshotRequest = null;
    return ready;
  }
}
