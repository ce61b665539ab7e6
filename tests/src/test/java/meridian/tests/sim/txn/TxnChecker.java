package meridian.tests.sim.txn;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import meridian.txn.Applied;
import meridian.txn.GroupTxnState;
import meridian.txn.LeaderTxns;
import meridian.txn.TxnId;
import meridian.txn.TxnRecord;
import meridian.txn.Write;

/**
 * The end-of-run checks (see the package docs): replicas agree, nothing is stranded, atomicity,
 * timestamps, serializability of reads at the commit timestamp, external consistency, and the
 * oldest transaction's liveness. The fate of each transaction is rebuilt from the groups' logs
 * alone, by replaying them through a fresh {@link GroupTxnState}; the drivers' view must agree.
 */
final class TxnChecker {
  /** What the logs say about one transaction. */
  private static final class Fate {
    long decisionGroup = -1;
    boolean committed;
    long commitMicros;
    List<Long> participants = List.of();
    // group -> prepare timestamps of the Prepare entries that made it prepared there
    final Map<Long, List<Long>> prepares = new TreeMap<>();
    // group -> timestamps its writes were applied at (Commit at the coordinator, Outcome elsewhere)
    final Map<Long, List<Long>> appliedAt = new TreeMap<>();
    // group -> the writes it applied or would apply
    final Map<Long, List<Write>> writes = new TreeMap<>();
  }

  private final TxnSim sim;
  private final Map<TxnId, Fate> fates = new LinkedHashMap<>();

  TxnChecker(TxnSim sim) {
    this.sim = sim;
  }

  String checkFinal(TxnId oldestAtHeal) {
    for (SimGroup g : sim.groups) {
      replicasAgree(g);
      noneStranded(g);
      rebuildFates(g);
    }
    atomicityAndTimestamps();
    versionsBelongToCommits();
    driversAgree();
    readsAtCommitTimestamp();
    externalConsistency();
    long commits = fates.values().stream().filter(f -> f.committed).count();
    liveness(oldestAtHeal);
    return "commits=" + commits + " attempts=" + sim.history.attempts.size() + " driverResults=" + sim.history.results
        + " gaveUp=" + sim.history.gaveUp + " entries=" + sim.groups.stream().mapToInt(g -> g.log.size()).sum()
        + " counters=" + sim.counters;
  }

  private static void fail(String what) {
    throw new TxnSimFailure.Violation(what);
  }

  private void replicasAgree(SimGroup g) {
    SimReplica first = g.replicas.getFirst();
    for (SimReplica r : g.replicas) {
      if (r.appliedCount != g.log.size()) {
        fail(r.node + " applied " + r.appliedCount + " of " + g.log.size() + " entries");
      }
      if (r.appliedDigest != first.appliedDigest) {
        fail(r.node + " applied another sequence than " + first.node);
      }
      if (!r.mvcc.toString().equals(first.mvcc.toString())) {
        fail(r.node + " store differs from " + first.node);
      }
      GroupTxnState a = r.state;
      GroupTxnState b = first.state;
      if (a.decisionCount() != b.decisionCount() || a.lastCommitMicros() != b.lastCommitMicros()
          || a.tmSafeMicros() != b.tmSafeMicros() || !a.prepared().containsAll(b.prepared())
          || a.prepared().size() != b.prepared().size()) {
        fail(r.node + " transaction state differs from " + first.node);
      }
      for (SimGroup.Entry e : g.log) {
        if (!a.decision(e.record().txn()).equals(b.decision(e.record().txn()))) {
          fail(r.node + " decided " + e.record().txn() + " otherwise than " + first.node);
        }
      }
    }
  }

  private void noneStranded(SimGroup g) {
    for (SimReplica r : g.replicas) {
      if (!r.state.prepared().isEmpty()) {
        fail(r.node + " still has prepared transactions after the quiet phase: "
            + r.state.prepared().stream().map(p -> p.txn() + "@" + p.prepareMicros()).toList());
      }
    }
    LeaderTxns t = g.leaderTxns();
    if (t == null) {
      fail("G" + g.id + " has no serving leader after the quiet phase");
    }
    if (t.liveCount() != 0 || t.waitingCount() != 0 || t.lockCount() != 0) {
      fail("G" + g.id + " leader still holds " + t.liveCount() + " live transactions, " + t.waitingCount()
          + " waiting requests, " + t.lockCount() + " locks after the quiet phase");
    }
  }

  private Fate fate(TxnId txn) {
    return fates.computeIfAbsent(txn, t -> new Fate());
  }

  private void rebuildFates(SimGroup g) {
    GroupTxnState state = new GroupTxnState();
    long previous = Long.MIN_VALUE;
    for (SimGroup.Entry e : g.log) {
      if (e.tsMicros() <= previous) {
        fail("G" + g.id + " entry " + e.index() + " timestamp " + e.tsMicros() + " not above " + previous);
      }
      previous = e.tsMicros();
      TxnId txn = e.record().txn();
      boolean wasPrepared = state.prepared(txn).isPresent();
      boolean wasDecided = state.decision(txn).isPresent();
      Applied a = state.apply(e.record(), e.tsMicros());
      Fate f = fate(txn);
      switch (e.record()) {
        case TxnRecord.Prepare p -> {
          if (!wasPrepared) {
            f.prepares.computeIfAbsent(g.id, x -> new ArrayList<>()).add(e.tsMicros());
            f.writes.put(g.id, p.writes());
          }
        }
        case TxnRecord.Commit c -> {
          decided(g, f, txn, wasDecided, state);
          if (!wasDecided) {
            f.participants = c.participants();
            f.writes.put(g.id, c.writes());
            f.appliedAt.computeIfAbsent(g.id, x -> new ArrayList<>()).add(a.atMicros());
          }
        }
        case TxnRecord.Abort ab -> decided(g, f, txn, wasDecided, state);
        case TxnRecord.Forget forget -> {}
        case TxnRecord.Outcome o -> {
          if (wasPrepared && o.committed()) {
            f.appliedAt.computeIfAbsent(g.id, x -> new ArrayList<>()).add(a.atMicros());
          }
        }
      }
    }
  }

  private static void decided(SimGroup g, Fate f, TxnId txn, boolean wasDecided, GroupTxnState state) {
    if (wasDecided) {
      return;
    }
    if (f.decisionGroup != -1 && f.decisionGroup != g.id) {
      fail(txn + " decided at both G" + f.decisionGroup + " and G" + g.id);
    }
    f.decisionGroup = g.id;
    f.committed = state.decision(txn).orElseThrow().committed();
    f.commitMicros = state.decision(txn).orElseThrow().commitMicros();
  }

  private void atomicityAndTimestamps() {
    fates.forEach((txn, f) -> {
      f.prepares.forEach((g, ts) -> {
        if (ts.size() > 1) {
          fail(txn + " prepared " + ts.size() + " times at G" + g + " (at " + ts + ")");
        }
      });
      if (!f.committed) {
        if (!f.appliedAt.isEmpty()) {
          fail(txn + " was " + (f.decisionGroup == -1 ? "never decided" : "decided abort at G" + f.decisionGroup)
              + " but applied at " + f.appliedAt);
        }
        return;
      }
      long s = f.commitMicros;
      List<Long> groups = new ArrayList<>(f.participants);
      groups.add(f.decisionGroup);
      for (long g : groups) {
        if (!List.of(s).equals(f.appliedAt.get(g))) {
          fail(txn + " committed at " + s + " by G" + f.decisionGroup + " but G" + g + " applied it at "
              + f.appliedAt.get(g));
        }
      }
      for (long p : f.participants) {
        List<Long> prepared = f.prepares.get(p);
        if (prepared == null) {
          fail(txn + " committed without a prepare at participant G" + p);
        }
        if (prepared.getFirst() > s) {
          fail(txn + " committed at " + s + " below its prepare timestamp " + prepared.getFirst() + " at G" + p);
        }
      }
      for (long g : f.appliedAt.keySet()) {
        if (!groups.contains(g)) {
          fail(txn + " applied at G" + g + ", which is not among its participants " + groups);
        }
      }
    });
  }

  private void versionsBelongToCommits() {
    for (SimGroup g : sim.groups) {
      SimReplica r = g.replicas.getFirst();
      r.mvcc.forEach((key, versions) -> versions.forEach((ts, v) -> {
        Fate f = fates.get(v.writer());
        if (f == null || !f.committed || f.commitMicros != ts) {
          fail("G" + g.id + " holds a version of " + key + " at " + ts + " by " + v.writer() + ", which "
              + (f == null || !f.committed ? "did not commit" : "committed at " + f.commitMicros));
        }
      }));
    }
    fates.forEach((txn, f) -> {
      if (!f.committed) {
        return;
      }
      f.writes.forEach((g, writes) -> {
        for (Write w : writes) {
          var at = sim.groups.get((int) (long) g - 1).replicas.getFirst().mvcc.get(w.key());
          var v = at == null ? null : at.get(f.commitMicros);
          String value = new String(w.value(), StandardCharsets.UTF_8);
          if (v == null || !txn.equals(v.writer()) || !value.equals(v.value())) {
            fail(txn + " committed at " + f.commitMicros + " but G" + g + " holds " + v + " for " + w.key());
          }
        }
      });
    });
  }

  private void driversAgree() {
    for (TxnHistory.Attempt a : sim.history.attempts.values()) {
      Fate f = fates.get(a.txn);
      boolean committed = f != null && f.committed;
      if ("COMMITTED".equals(a.result) && (!committed || f.commitMicros != a.commitMicros)) {
        fail(a.txn + " was reported committed at " + a.commitMicros + " but the logs say "
            + (committed ? "committed at " + f.commitMicros : "not committed"));
      }
      boolean definiteAbort = a.result != null && !a.result.equals("COMMITTED") && !a.result.equals("ABANDONED")
          && !a.result.equals("OUTCOME_UNKNOWN");
      if (definiteAbort && committed) {
        fail(a.txn + " was reported aborted (" + a.result + ") but committed at " + f.commitMicros);
      }
      if (committed && a.replyMicros >= 0 && a.replyMicros <= a.commitMicros) {
        fail(a.txn + " commit reply reached its driver at true time " + a.replyMicros + ", not after s="
            + a.commitMicros + ": commit wait was skipped");
      }
    }
  }

  private void readsAtCommitTimestamp() {
    for (TxnHistory.Attempt a : sim.history.attempts.values()) {
      Fate f = fates.get(a.txn);
      if (f == null || !f.committed) {
        continue;
      }
      for (TxnHistory.Read read : a.reads) {
        SimReplica r = sim.groups.get((int) read.group() - 1).replicas.getFirst();
        String atSnapshot = r.readBefore(read.span(), f.commitMicros);
        if (!java.util.Objects.equals(atSnapshot, read.value())) {
          fail(a.txn + " committed at " + f.commitMicros + " read " + read.span() + " = " + read.value()
              + " but the newest version below its commit timestamp is " + atSnapshot + " (versions "
              + (read.span().isPoint() ? r.mvcc.get(read.span().start()) : "of G" + read.group()) + ")");
        }
      }
    }
  }

  /** If T1's commit reply reached its driver before T2 started (true time), s1 < s2. */
  private void externalConsistency() {
    List<TxnHistory.Attempt> replied = new ArrayList<>();
    List<TxnHistory.Attempt> committed = new ArrayList<>();
    for (TxnHistory.Attempt a : sim.history.attempts.values()) {
      Fate f = fates.get(a.txn);
      if (f != null && f.committed) {
        committed.add(a);
        if (a.replyMicros >= 0) {
          replied.add(a);
        }
      }
    }
    replied.sort(Comparator.comparingLong(a -> a.replyMicros));
    committed.sort(Comparator.comparingLong(a -> a.firstStartMicros));
    int i = 0;
    TxnHistory.Attempt latest = null;
    for (TxnHistory.Attempt t2 : committed) {
      while (i < replied.size() && replied.get(i).replyMicros < t2.firstStartMicros) {
        TxnHistory.Attempt t1 = replied.get(i++);
        if (latest == null || fates.get(t1.txn).commitMicros > fates.get(latest.txn).commitMicros) {
          latest = t1;
        }
      }
      if (latest != null && fates.get(latest.txn).commitMicros >= fates.get(t2.txn).commitMicros) {
        fail("external consistency: " + latest.txn + " (s=" + fates.get(latest.txn).commitMicros
            + ") was acknowledged at true time " + latest.replyMicros + ", before " + t2.txn + " started at "
            + t2.firstStartMicros + ", yet " + t2.txn + " committed at s=" + fates.get(t2.txn).commitMicros);
      }
    }
  }

  /** With faults healed, the oldest transaction still running at heal time must have committed. */
  private void liveness(TxnId oldest) {
    if (oldest == null) {
      return;
    }
    boolean won = fates.entrySet().stream().anyMatch(e -> e.getValue().committed
        && e.getKey().priorityMicros() == oldest.priorityMicros() && e.getKey().driver().equals(oldest.driver())
        && e.getKey().sequence() == oldest.sequence());
    if (!won) {
      List<String> attempts = sim.history.attempts.values().stream()
          .filter(a -> a.txn.priorityMicros() == oldest.priorityMicros() && a.txn.driver().equals(oldest.driver())
              && a.txn.sequence() == oldest.sequence())
          .map(a -> a.txn.attempt() + ":" + a.result)
          .toList();
      fail("liveness: the oldest transaction at heal time, " + oldest + ", never committed; its attempts ended "
          + attempts);
    }
  }
}
