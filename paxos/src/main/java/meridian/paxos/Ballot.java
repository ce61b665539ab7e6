package meridian.paxos;

import java.util.Comparator;
import java.util.Objects;

/**
 * A Paxos ballot {@code (round, replica)}: totally ordered by round, then by replica id, so two
 * replicas never propose with the same ballot. {@link #ZERO} is below every real ballot.
 */
public record Ballot(long round, String replica) implements Comparable<Ballot> {
  public static final Ballot ZERO = new Ballot(0, "");

  private static final Comparator<Ballot> ORDER =
      Comparator.comparingLong(Ballot::round).thenComparing(Ballot::replica);

  public Ballot {
    Objects.requireNonNull(replica, "replica");
    if (round < 0) {
      throw new IllegalArgumentException("negative round " + round);
    }
  }

  /** The next ballot of {@code replica} above this one. */
  public Ballot next(String replica) {
    return new Ballot(round + 1, replica);
  }

  @Override
  public int compareTo(Ballot other) {
    return ORDER.compare(this, other);
  }

  public boolean isAbove(Ballot other) {
    return compareTo(other) > 0;
  }
}
