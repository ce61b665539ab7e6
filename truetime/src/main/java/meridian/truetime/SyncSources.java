package meridian.truetime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One sync round's masters turned into {@link Marzullo} sources, and back into {@link MasterView}s
 * once the round is decided. Package-private: a step of {@link ClockModel#onSync}.
 */
final class SyncSources {

  /** Bound on the masters of one round: a guard against a runaway caller, not a tuning knob. */
  static final int MASTERS_MAX = 1024;

  private record Entry(
      String masterId,
      boolean self,
      Optional<OffsetRange> offset,
      OptionalLong rttMicros,
      String invalidReason) {}

  private final List<Entry> answered;
  private final List<String> unreachable;

  private SyncSources(List<Entry> answered, List<String> unreachable) {
    this.answered = List.copyOf(answered);
    this.unreachable = List.copyOf(unreachable);
  }

  /**
   * Turns each reading into the offset range it vouches for at {@code syncWallMicros}: the exact
   * range at receive ({@link MasterReading#offsetRange()}), widened on both sides by the drift the
   * local clock may have had over the round trip and the time since receive, and by the clock's
   * resolution. A master's own clock
   * is a source with offset {@code [-masterEpsilon, +masterEpsilon]}.
   */
  static SyncSources collect(
      List<MasterReading> readings,
      Collection<String> unreachableMasterIds,
      Optional<String> selfMasterId,
      TrueTimeConfig config,
      long syncWallMicros) {
    int total = readings.size() + unreachableMasterIds.size() + (selfMasterId.isPresent() ? 1 : 0);
    if (total > MASTERS_MAX) {
      throw new IllegalArgumentException(total + " masters in one sync, more than " + MASTERS_MAX);
    }
    Set<String> seen = new HashSet<>();
    selfMasterId.ifPresent(seen::add);
    List<Entry> answered = new ArrayList<>(readings.size() + 1);
    for (MasterReading reading : readings) {
      requireNew(seen, reading.masterId());
      answered.add(entryFor(reading, config, syncWallMicros));
    }
    selfMasterId.ifPresent(id -> {
      long epsilon = config.masterEpsilonMicros();
      answered.add(new Entry(
          id, true, Optional.of(new OffsetRange(-epsilon, epsilon)), OptionalLong.of(0), ""));
    });
    for (String id : unreachableMasterIds) {
      requireNew(seen, id);
    }
    return new SyncSources(answered, List.copyOf(unreachableMasterIds));
  }

  /** Masters that answered, valid or not: the base of the quorum. */
  int answeredCount() {
    return answered.size();
  }

  /** The valid sources, in input order (this node's own clock last). */
  List<SourceInterval> usable() {
    List<SourceInterval> sources = new ArrayList<>(answered.size());
    for (Entry entry : answered) {
      entry.offset().ifPresent(offset -> sources.add(SourceInterval.of(entry.masterId(), offset)));
    }
    return sources;
  }

  /** Every master of the round, labelled by {@code agreement} (empty or not reached: undecided). */
  List<MasterView> views(Optional<Agreement> agreement) {
    Set<String> agreedIds = new HashSet<>();
    boolean reached = agreement.isPresent() && agreement.get().reached();
    if (reached) {
      agreement.get().agreed().forEach(s -> agreedIds.add(s.sourceId()));
    }
    List<MasterView> views = new ArrayList<>(answered.size() + unreachable.size());
    for (Entry entry : answered) {
      MasterView.State state;
      if (entry.offset().isEmpty()) {
        state = MasterView.State.INVALID;
      } else if (!reached) {
        state = MasterView.State.UNDECIDED;
      } else {
        state = agreedIds.contains(entry.masterId())
            ? MasterView.State.AGREED
            : MasterView.State.LIAR;
      }
      views.add(new MasterView(
          entry.masterId(), entry.self(), state, entry.offset(), entry.rttMicros(),
          entry.invalidReason()));
    }
    for (String id : unreachable) {
      views.add(new MasterView(
          id, false, MasterView.State.UNREACHABLE, Optional.empty(), OptionalLong.empty(), ""));
    }
    return views;
  }

  private static Entry entryFor(MasterReading reading, TrueTimeConfig config, long syncWallMicros) {
    OptionalLong rtt = OptionalLong.of(reading.rttMicros());
    Optional<String> invalid = reading.invalidReason();
    if (invalid.isPresent()) {
      return new Entry(reading.masterId(), false, Optional.empty(), rtt, invalid.get());
    }
    long ageMicros = syncWallMicros - reading.receiveLocalMicros();
    if (ageMicros < 0) {
      return new Entry(reading.masterId(), false, Optional.empty(), rtt,
          "received " + -ageMicros + " us after the sync time: the local clock stepped back");
    }
    if (ageMicros > config.syncTimeoutMicros()) {
      return new Entry(reading.masterId(), false, Optional.empty(), rtt,
          "stale: received " + ageMicros + " us before the sync, beyond the sync timeout");
    }
    // Two differences of local wall readings (the round trip, the age), each off by up to the
    // resolution on top of the drift.
    long driftMicros = Ppm.ceilOf(reading.rttMicros() + ageMicros, config.driftRatePpm())
        + 2 * PhysicalClock.RESOLUTION_MICROS;
    OffsetRange offset = reading.offsetRange().widen(driftMicros, driftMicros);
    return new Entry(reading.masterId(), false, Optional.of(offset), rtt, "");
  }

  private static void requireNew(Set<String> seen, String masterId) {
    if (!seen.add(masterId)) {
      throw new IllegalArgumentException("master " + masterId + " appears twice in one sync");
    }
  }
}
