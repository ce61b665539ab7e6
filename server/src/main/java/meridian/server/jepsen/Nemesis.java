package meridian.server.jepsen;

import java.util.Random;

/**
 * A kind of fault. {@link #start} begins one (and says what it did, for the history's note),
 * {@link #stop} ends it; the runner alternates them with healthy periods ({@link Schedule}) and
 * calls {@link #heal} at the end, which must undo anything left over, be safe to call twice, and
 * work after a start that failed halfway.
 */
interface Nemesis {

  /** The fault's kind in the history's notes: {@code start-KIND} and {@code stop-KIND}. */
  String kind();

  /** Begins a fault; returns what it did. */
  String start(ClusterUnderTest cluster, Random random);

  /** Ends the fault the last {@link #start} began; returns what it did. */
  String stop(ClusterUnderTest cluster);

  /** Undoes everything this nemesis may have done. */
  void heal(ClusterUnderTest cluster);
}
