package meridian.tests.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The clients' operations, Jepsen-style: each invoked at a true time and completed (ok), failed
 * (definitely not done) or left unknown. Writes carry their unique payload and, when ok, the slot
 * they were chosen at; lease reads carry the replica's read index and read timestamp.
 */
final class History {
  enum Kind { WRITE, READ }

  enum Outcome { PENDING, OK, FAIL, UNKNOWN }

  /** One operation; mutable until it completes. */
  static final class Op {
    final long id;
    final Kind kind;
    final String replica;
    final String payload; // writes only
    final long invokeMicros;
    long completeMicros = -1;
    Outcome outcome = Outcome.PENDING;
    long index = -1; // write: the proposed slot; read: the read index
    long timestampMicros = -1; // write: assigned timestamp; read: read timestamp
    long requiredIndex = -1; // read: the highest slot known chosen before it was invoked
    String note = "";

    Op(long id, Kind kind, String replica, String payload, long invokeMicros) {
      this.id = id;
      this.kind = kind;
      this.replica = replica;
      this.payload = payload;
      this.invokeMicros = invokeMicros;
    }

    void complete(Outcome outcome, long nowMicros, String note) {
      if (this.outcome != Outcome.PENDING) {
        throw new IllegalStateException("op " + id + " completed twice");
      }
      this.outcome = outcome;
      this.completeMicros = nowMicros;
      this.note = note;
    }

    @Override
    public String toString() {
      return kind + "#" + id + "@" + replica + (payload == null ? "" : " " + payload) + " " + outcome + " index="
          + index + " ts=" + timestampMicros + " [" + invokeMicros + ".." + completeMicros + "] " + note;
    }
  }

  private final List<Op> ops = new ArrayList<>();
  private final int opsMax;

  History(int opsMax) {
    this.opsMax = opsMax;
  }

  Op invoke(Kind kind, String replica, String payload, long nowMicros) {
    if (ops.size() >= opsMax) {
      throw new IllegalStateException("history holds at most " + opsMax + " operations");
    }
    Op op = new Op(ops.size(), kind, replica, payload, nowMicros);
    ops.add(op);
    return op;
  }

  List<Op> ops() {
    return ops;
  }

  long count(Kind kind, Outcome outcome) {
    return ops.stream().filter(o -> o.kind == kind && o.outcome == outcome).count();
  }
}
