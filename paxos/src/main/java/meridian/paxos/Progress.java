package meridian.paxos;

/** What a leader knows about one peer's log, for pipelined replication. */
final class Progress {
  // Invariant: 0 <= matchIndex < nextIndex; the peer's log matches the leader's through matchIndex.
  long matchIndex;
  // The next slot to send; slots in [matchIndex + 1, nextIndex) are in flight.
  long nextIndex;
  // The matchIndex of the last gap report acted on, so a burst of reports rewinds once.
  long rewoundAtMatch = -1;
  long matchAtLastHeartbeat = -1;

  Progress(long nextIndex) {
    this.nextIndex = Math.max(1, nextIndex);
  }

  void acknowledged(long match) {
    matchIndex = Math.max(matchIndex, match);
    nextIndex = Math.max(nextIndex, matchIndex + 1);
  }

  /**
   * The peer is missing slots after {@code match}: send again from there (once per report). The
   * peer may know less than before (it restarted and forgot which of its slots came from this
   * leader), so its word wins over an earlier acknowledgement.
   */
  void gap(long match) {
    if (match != rewoundAtMatch) {
      rewoundAtMatch = match;
      matchIndex = match;
      nextIndex = match + 1;
    }
  }

  /** At each heartbeat: if nothing was acknowledged since the last one, resend what is in flight. */
  void heartbeat(long lastIndex) {
    if (matchIndex == matchAtLastHeartbeat && matchIndex < lastIndex && nextIndex > matchIndex + 1) {
      nextIndex = matchIndex + 1;
      rewoundAtMatch = -1;
    }
    matchAtLastHeartbeat = matchIndex;
  }

  long inFlight() {
    return nextIndex - matchIndex - 1;
  }
}
