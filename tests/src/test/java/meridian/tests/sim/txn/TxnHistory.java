package meridian.tests.sim.txn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import meridian.txn.KeySpan;
import meridian.txn.TxnId;
import meridian.txn.Write;

/**
 * What the drivers saw, attempt by attempt: when each transaction started (true time), what it
 * read, what it meant to write, and how it ended from the driver's point of view. The checker holds
 * this against what the groups' logs and stores say.
 */
final class TxnHistory {
  /**
   * What a transaction read at a group's leader under a shared lock on {@code span}: see {@link
   * SimReplica#read}.
   */
  record Read(KeySpan span, long group, String value) {}

  static final class Attempt {
    final TxnId txn;
    final long firstStartMicros;
    final long startMicros;
    final List<Read> reads = new ArrayList<>();
    Map<Long, List<Write>> writes = Map.of();
    long coordinator;
    List<Long> participants = List.of();
    // Null while running; "COMMITTED", an abort reason, "ABANDONED" or "OUTCOME_UNKNOWN".
    String result;
    long commitMicros = -1;
    long replyMicros = -1;
    final List<String> notes = new ArrayList<>();

    Attempt(TxnId txn, long firstStartMicros, long startMicros) {
      this.txn = txn;
      this.firstStartMicros = firstStartMicros;
      this.startMicros = startMicros;
    }
  }

  final Map<TxnId, Attempt> attempts = new LinkedHashMap<>();
  final Map<String, Integer> results = new TreeMap<>();
  int gaveUp;

  void begin(TxnId txn, long firstStartMicros, long nowMicros) {
    attempts.put(txn, new Attempt(txn, firstStartMicros, nowMicros));
  }

  void read(TxnId txn, KeySpan span, long group, String value) {
    attempts.get(txn).reads.add(new Read(span, group, value));
  }

  void writes(TxnId txn, Map<Long, List<Write>> writes) {
    attempts.get(txn).writes = writes;
  }

  void participants(TxnId txn, long coordinator, List<Long> participants) {
    Attempt a = attempts.get(txn);
    a.coordinator = coordinator;
    a.participants = participants;
  }

  void committed(TxnId txn, long commitMicros, long replyMicros) {
    Attempt a = attempts.get(txn);
    a.commitMicros = commitMicros;
    a.replyMicros = replyMicros;
    end(a, "COMMITTED");
  }

  void aborted(TxnId txn, String reason) {
    end(attempts.get(txn), reason);
  }

  void note(TxnId txn, String why) {
    attempts.get(txn).notes.add(why);
  }

  void abandoned(TxnId txn) {
    Attempt a = attempts.get(txn);
    if (a != null && a.result == null) {
      end(a, "ABANDONED");
    }
  }

  void gaveUp(TxnId txn) {
    gaveUp++;
  }

  private void end(Attempt a, String result) {
    if (a.result != null) {
      throw new IllegalStateException(a.txn + " ended twice: " + a.result + ", then " + result);
    }
    a.result = result;
    results.merge(result, 1, Integer::sum);
  }
}
