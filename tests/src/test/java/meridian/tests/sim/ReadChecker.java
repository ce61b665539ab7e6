package meridian.tests.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import meridian.paxos.Command;
import meridian.paxos.LogEntry;

/**
 * Invariant 6: lease reads are linearizable. A granted read {@code (readIndex, readTs)} returns,
 * once its replica has applied {@code readIndex}, the writes at or below {@code readIndex} with a
 * timestamp {@code <= readTs} (an MVCC read at {@code readTs}; see {@code ReadPermit.Granted}).
 *
 * <ul>
 *   <li>Complete: no write above {@code readIndex} has a timestamp {@code <= readTs}, ever. So the
 *       result is exactly "every write at or below {@code readTs}", the same as any snapshot read
 *       at {@code readTs}, anywhere, later.
 *   <li>Fresh (real-time order): a write that may have been acknowledged before the read was
 *       invoked is in the result. A write can be acknowledged only once chosen and after commit
 *       wait ({@code TT.after(ts)}, so true time {@code > ts}): every slot first reported chosen
 *       strictly before the invocation must be at or below {@code readIndex} (strictly more than
 *       needed: the core promises it), and every such write with {@code ts <} the invocation time
 *       must have {@code ts <= readTs}.
 *   <li>No future: a write invoked after the read completed is not in the result: its timestamp is
 *       above {@code readTs}.
 * </ul>
 */
final class ReadChecker {
  private final ChosenLogChecker chosen;
  // The highest slot first reported chosen at or before lastChosenMicros, and strictly before it.
  private long chosenIndexMax;
  private long chosenIndexMaxBefore;
  private long lastChosenMicros = Long.MIN_VALUE;
  // For each read index, the largest read timestamp granted at it: writes above must exceed it.
  private final TreeMap<Long, Long> readTimestampMaxByIndex = new TreeMap<>();
  // Completed reads in completion order: {completeMicros, largest readTs of all reads completed so far}.
  private final List<long[]> completedReadTimestampMax = new ArrayList<>();
  private final Map<String, Long> writeInvokedMicros = new HashMap<>();
  private long readsChecked;

  ReadChecker(ChosenLogChecker chosen) {
    this.chosen = chosen;
  }

  /** A client invoked the write of {@code payload} at {@code nowMicros}. */
  void writeInvoked(String payload, long nowMicros) {
    writeInvokedMicros.put(payload, nowMicros);
  }

  /** Slot {@code entry.index()} was first reported chosen at {@code nowMicros} (never goes back). */
  void firstChosen(LogEntry entry, long nowMicros) {
    if (nowMicros > lastChosenMicros) {
      chosenIndexMaxBefore = chosenIndexMax;
      lastChosenMicros = nowMicros;
    }
    chosenIndexMax = Math.max(chosenIndexMax, entry.index());
    if (!(entry.command() instanceof Command.Write w)) {
      return;
    }
    Long maxBelow = null;
    for (Long ts : readTimestampMaxByIndex.headMap(entry.index(), false).values()) {
      maxBelow = maxBelow == null ? ts : Math.max(maxBelow, ts);
    }
    if (maxBelow != null && entry.timestampMicros() <= maxBelow) {
      throw new InvariantViolation("write " + Describe.entry(entry) + " chosen with a timestamp at or below "
          + maxBelow + ", the read timestamp of a lease read at a lower read index");
    }
    // Writes above this one have larger timestamps (ChosenLogChecker), so reads below it are
    // settled. (Slots are learned in order; a slot learned late below a pruned read is not checked.)
    readTimestampMaxByIndex.headMap(entry.index(), false).clear();

    Long invoked = writeInvokedMicros.remove(Describe.payload(w.payload()));
    if (invoked != null) {
      long readTs = readTimestampMaxCompletedBefore(invoked);
      if (entry.timestampMicros() <= readTs) {
        throw new InvariantViolation("write " + Describe.entry(entry) + " invoked at " + invoked
            + " is visible to a lease read that completed before it (read timestamp " + readTs + ")");
      }
    }
  }

  /** The highest slot first reported chosen strictly before {@code nowMicros}. */
  long chosenStrictlyBefore(long nowMicros) {
    return nowMicros > lastChosenMicros ? chosenIndexMax : chosenIndexMaxBefore;
  }

  /** A read was granted at its invocation; {@code op.index} and {@code op.timestampMicros} are set. */
  void granted(History.Op op) {
    op.requiredIndex = chosenStrictlyBefore(op.invokeMicros);
    if (op.index < op.requiredIndex) {
      throw new InvariantViolation("stale lease read: " + op + " misses slot " + op.requiredIndex
          + ", chosen before the read was invoked");
    }
    for (long i = op.requiredIndex; i >= 1; i--) {
      LogEntry e = chosen.chosenAt(i);
      if (e == null) {
        break; // below a snapshot-only prefix nothing is known; slots are learned in order above it
      }
      if (e.command() instanceof Command.Write && e.timestampMicros() < op.invokeMicros) {
        if (e.timestampMicros() > op.timestampMicros) {
          throw new InvariantViolation("stale lease read: " + op + " has a read timestamp below write "
              + Describe.entry(e) + ", which may have been acknowledged before the read was invoked");
        }
        break; // earlier writes have smaller timestamps
      }
    }
    LogEntry above = chosen.firstWriteAbove(op.index);
    if (above != null && above.timestampMicros() <= op.timestampMicros) {
      throw new InvariantViolation("lease read " + op + " has a timestamp at or above write "
          + Describe.entry(above) + ", which is above its read index");
    }
    readTimestampMaxByIndex.merge(op.index, op.timestampMicros, Math::max);
  }

  /** The replica applied through the read's index: the read returns. */
  void completed(History.Op op) {
    readsChecked++;
    long max = completedReadTimestampMax.isEmpty() ? Long.MIN_VALUE : completedReadTimestampMax.getLast()[1];
    completedReadTimestampMax.add(new long[] {op.completeMicros, Math.max(max, op.timestampMicros)});
  }

  private long readTimestampMaxCompletedBefore(long micros) {
    int lo = 0;
    int hi = completedReadTimestampMax.size(); // first completion at or after micros
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (completedReadTimestampMax.get(mid)[0] < micros) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo == 0 ? Long.MIN_VALUE : completedReadTimestampMax.get(lo - 1)[1];
  }

  long readsChecked() {
    return readsChecked;
  }
}
