package meridian.paxos;

/**
 * One slot of the replicated log: its value (the command and the timestamp the leader assigned to
 * it) and the ballot it was accepted in.
 *
 * @param index the slot, from 1
 * @param timestampMicros assigned by the leader inside its lease; strictly increasing along the log
 *     for writes (no-ops and membership changes carry the leader's last assigned timestamp)
 */
public record LogEntry(long index, Ballot ballot, long timestampMicros, Command command) {
  public LogEntry {
    if (index < 1) {
      throw new IllegalArgumentException("log index starts at 1, not " + index);
    }
  }
}
