package meridian.tests.sim.txn;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import meridian.txn.Applied;
import meridian.txn.GroupTxnState;
import meridian.txn.Key;
import meridian.txn.KeySpan;
import meridian.txn.TxnId;
import meridian.txn.TxnRecord;
import meridian.txn.Write;

/**
 * One replica of a group: its own {@link GroupTxnState} and multi-version store, built by applying
 * the group's chosen entries in order. Every replica of a group must end identical.
 */
final class SimReplica {
  /** A committed version of a key, with the transaction that wrote it. */
  record Version(String value, TxnId writer) {}

  final String node;
  final GroupTxnState state = new GroupTxnState();
  // key -> commit timestamp -> version. Invariant: one version per (key, timestamp).
  final TreeMap<Key, TreeMap<Long, Version>> mvcc = new TreeMap<>();
  // Invariant: the entries [0, appliedCount) of the group's log are applied here, in order.
  int appliedCount;
  // FNV-1a over every applied (index, timestamp, record): replicas that applied the same sequence agree.
  long appliedDigest = 0xcbf29ce484222325L;

  SimReplica(String node) {
    this.node = node;
  }

  /** Applies the next entry; {@code applyAtEntry} is the self-test's broken participant. */
  Applied apply(SimGroup.Entry e, boolean applyAtEntry) {
    if (e.index() != appliedCount) {
      throw new IllegalStateException(node + " applies entry " + e.index() + " after " + appliedCount);
    }
    Applied a = state.apply(e.record(), e.tsMicros());
    appliedCount++;
    String line = e.index() + "@" + e.tsMicros() + " " + e.record();
    for (int i = 0; i < line.length(); i++) {
      appliedDigest = (appliedDigest ^ line.charAt(i)) * 0x100000001b3L;
    }
    long at = applyAtEntry && e.record() instanceof TxnRecord.Outcome ? e.tsMicros() : a.atMicros();
    for (Write w : a.writes()) {
      TreeMap<Long, Version> versions = mvcc.computeIfAbsent(w.key(), k -> new TreeMap<>());
      Version v = new Version(w.isDelete() ? null : new String(w.value(), StandardCharsets.UTF_8), e.record().txn());
      Version had = versions.putIfAbsent(at, v);
      if (had != null) {
        throw new TxnSimFailure.Violation(node + ": " + w.key() + " written twice at " + at + ": by " + had.writer()
            + " and by " + v.writer() + " (entry " + e.index() + ")");
      }
    }
    return a;
  }

  /**
   * What a read of {@code span} sees now: for one key its newest value (null when none), for a
   * range every key in it that has a version, with its newest value, as {@code k=v;k=v}.
   */
  String read(KeySpan span) {
    return readBefore(span, Long.MAX_VALUE);
  }

  /** {@link #read} as of a snapshot: versions at timestamps strictly below {@code beforeMicros} only. */
  String readBefore(KeySpan span, long beforeMicros) {
    if (span.isPoint()) {
      return newestBefore(span.start(), beforeMicros);
    }
    StringBuilder out = new StringBuilder();
    var keys = span.end() == null ? mvcc.tailMap(span.start(), true)
        : mvcc.subMap(span.start(), span.end());
    for (Key k : keys.keySet()) {
      String v = newestBefore(k, beforeMicros);
      if (v != null) {
        out.append(out.isEmpty() ? "" : ";").append(k).append('=').append(v);
      }
    }
    return out.toString();
  }

  /** The newest committed value of {@code key}, or null when there is none. */
  String newest(Key key) {
    TreeMap<Long, Version> versions = mvcc.get(key);
    return versions == null || versions.isEmpty() ? null : versions.lastEntry().getValue().value();
  }

  /** The newest value of {@code key} at a timestamp strictly below {@code beforeMicros}. */
  String newestBefore(Key key, long beforeMicros) {
    TreeMap<Long, Version> versions = mvcc.get(key);
    if (versions == null) {
      return null;
    }
    Map.Entry<Long, Version> e = versions.lowerEntry(beforeMicros);
    return e == null ? null : e.getValue().value();
  }
}
