package meridian.checker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Wing and Gong's search for a linearization of one key's operations, with Lowe's just-in-time
 * linearization and memoised configurations (see the package documentation). Single-threaded and
 * deterministic: the same operations give the same result, apart from where the clock stops it.
 *
 * @param <S> the model's state
 */
public final class LinearizabilitySearch<S> {

  /** Operations of the deepest partial linearization listed in an anomaly. */
  public static final int PREFIX_TAIL_OPS_MAX = 8;

  /** Candidate operations listed in an anomaly. */
  public static final int CANDIDATES_MAX = 16;

  /** Loop iterations between two readings of the clock. */
  private static final int CLOCK_CHECK_INTERVAL_STEPS = 1 << 12;

  private final Model<S> model;
  private final Value key;
  // Invariant: no FAIL operation; ops[i] is the operation of call entry 2i and return entry 2i+1.
  private final Operation[] ops;
  private final SearchBudget budget;
  private final int head;
  // Invariant: next/prev form a doubly linked list from head through the entries not yet lifted, in
  // real-time order; -1 ends it. A call precedes its return.
  private final int[] next;
  private final int[] prev;
  // Invariant: bit i set iff operation i is on the stack (linearized).
  private final long[] linearized;
  private final Set<Configuration> seen = new HashSet<>();
  // Invariant: entries stackCall[0..depth) are the lifted calls in linearization order;
  // stackState[d] is the state before stackCall[d] took effect.
  private final int[] stackCall;
  private final Object[] stackState;
  private Anomaly.NotLinearizable deepest;
  private int deepestDepth = -1;

  /**
   * @param ops one key's operations, none {@code FAIL}; order does not matter
   */
  public LinearizabilitySearch(Model<S> model, Value key, List<Operation> ops,
      SearchBudget budget) {
    this.model = model;
    this.key = key;
    this.ops = ops.toArray(Operation[]::new);
    this.budget = budget;
    int n = this.ops.length;
    for (Operation op : this.ops) {
      if (op.outcome() == Outcome.FAIL) {
        throw new IllegalArgumentException("a failed operation cannot be linearized: " + op);
      }
    }
    head = 2 * n;
    next = new int[2 * n + 1];
    prev = new int[2 * n + 1];
    Integer[] order = new Integer[2 * n];
    for (int e = 0; e < 2 * n; e++) {
      order[e] = e;
    }
    Arrays.sort(order, Comparator.comparingInt(this::timeOf).thenComparingInt(e -> e));
    int last = head;
    prev[head] = -1;
    for (int e : order) {
      next[last] = e;
      prev[e] = last;
      last = e;
    }
    next[last] = -1;
    linearized = new long[(n + 63) >>> 6];
    stackCall = new int[n];
    stackState = new Object[n];
  }

  private int timeOf(int entry) {
    Operation op = ops[entry >> 1];
    return isCall(entry) ? op.invokeAt() : op.deadlineAt();
  }

  private static boolean isCall(int entry) {
    return (entry & 1) == 0;
  }

  /** Runs the search; call once. */
  @SuppressWarnings("unchecked")
  public SearchResult run() {
    int definiteRemaining = 0;
    for (Operation op : ops) {
      if (op.outcome() == Outcome.OK) {
        definiteRemaining++;
      }
    }
    S state = model.initialState();
    int depth = 0;
    int entry = next[head];
    long steps = 0;
    while (definiteRemaining > 0) {
      if (steps++ % CLOCK_CHECK_INTERVAL_STEPS == 0 && budget.expired()) {
        return new SearchResult.Unknown(seen.size(), "time limit reached");
      }
      if (entry < 0) {
        throw new IllegalStateException("list ended with " + definiteRemaining + " ops left");
      }
      if (isCall(entry)) {
        int op = entry >> 1;
        S after = model.step(state, ops[op]);
        if (after != null) {
          setBit(op);
          if (seen.add(new Configuration(linearized.clone(), after))) {
            if (seen.size() > budget.statesMax()) {
              return new SearchResult.Unknown(seen.size(),
                  "search-state budget of " + budget.statesMax() + " reached");
            }
            stackCall[depth] = entry;
            stackState[depth] = state;
            depth++;
            state = after;
            lift(entry);
            if (ops[op].outcome() == Outcome.OK) {
              definiteRemaining--;
            }
            entry = next[head];
            continue;
          }
          clearBit(op);
        }
        entry = next[entry];
      } else {
        // The completion of an operation not yet linearized: it cannot be delayed past here.
        if (ops[entry >> 1].outcome() != Outcome.OK) {
          throw new IllegalStateException("reached an indeterminate return with definite ops left");
        }
        if (depth > deepestDepth) {
          deepestDepth = depth;
          deepest = anomalyAt(entry, depth, state);
        }
        if (depth == 0) {
          return new SearchResult.NotLinearizable(seen.size(), deepest);
        }
        depth--;
        entry = stackCall[depth];
        state = (S) stackState[depth];
        stackState[depth] = null;
        int op = entry >> 1;
        clearBit(op);
        unlift(entry);
        if (ops[op].outcome() == Outcome.OK) {
          definiteRemaining++;
        }
        entry = next[entry];
      }
    }
    return new SearchResult.Linearizable(seen.size());
  }

  private Anomaly.NotLinearizable anomalyAt(int returnEntry, int depth, S state) {
    List<Operation> tail = new ArrayList<>();
    for (int d = Math.max(0, depth - PREFIX_TAIL_OPS_MAX); d < depth; d++) {
      tail.add(ops[stackCall[d] >> 1]);
    }
    List<Anomaly.Candidate> candidates = new ArrayList<>();
    for (int e = next[head]; e != returnEntry && candidates.size() < CANDIDATES_MAX; e = next[e]) {
      if (isCall(e)) {
        Operation op = ops[e >> 1];
        String reason = model.step(state, op) == null
            ? model.refusal(state, op)
            : "could take effect here, but every order from there was a dead end";
        candidates.add(new Anomaly.Candidate(op, reason));
      }
    }
    return new Anomaly.NotLinearizable(key, depth, tail, model.render(state),
        ops[returnEntry >> 1], candidates);
  }

  private void lift(int call) {
    int ret = call + 1;
    next[prev[call]] = next[call];
    if (next[call] >= 0) {
      prev[next[call]] = prev[call];
    }
    next[prev[ret]] = next[ret];
    if (next[ret] >= 0) {
      prev[next[ret]] = prev[ret];
    }
  }

  /** Undoes {@link #lift}: the removed entries kept their own links. */
  private void unlift(int call) {
    int ret = call + 1;
    next[prev[ret]] = ret;
    if (next[ret] >= 0) {
      prev[next[ret]] = ret;
    }
    next[prev[call]] = call;
    if (next[call] >= 0) {
      prev[next[call]] = call;
    }
  }

  private void setBit(int op) {
    linearized[op >>> 6] |= 1L << op;
  }

  private void clearBit(int op) {
    linearized[op >>> 6] &= ~(1L << op);
  }

  /** A memoised configuration: which operations are linearized, and the state they lead to. */
  private static final class Configuration {
    private final long[] linearized;
    private final Object state;
    private final int hash;

    Configuration(long[] linearized, Object state) {
      this.linearized = linearized;
      this.state = state;
      this.hash = 31 * Arrays.hashCode(linearized) + state.hashCode();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Configuration c && hash == c.hash && state.equals(c.state)
          && Arrays.equals(linearized, c.linearized);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
