package meridian.checker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

/**
 * Checks a history for linearizability against a {@link Model}, one key at a time (see the package
 * documentation for the guarantee, the method and the limits). The only threads are a pool of at
 * most {@link CheckerConfig#parallelismMax()} workers that lives for one {@link #check} call; each
 * key's search is confined to one worker and shares nothing.
 */
public final class LinearizabilityChecker {

  private final CheckerConfig config;
  private final LongSupplier nanoClock;

  /**
   * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime} in production)
   */
  public LinearizabilityChecker(CheckerConfig config, LongSupplier nanoClock) {
    this.config = Objects.requireNonNull(config);
    this.nanoClock = Objects.requireNonNull(nanoClock);
  }

  /**
   * @throws MalformedHistoryException if the model cannot interpret an operation
   */
  public <S> Verdict check(Model<S> model, History history) throws MalformedHistoryException {
    Map<Value, List<Operation>> byKey = new LinkedHashMap<>();
    for (Operation op : history.operations()) {
      Optional<String> problem = model.problem(op);
      if (problem.isPresent()) {
        throw new MalformedHistoryException(op.invoke().line(), problem.get());
      }
      List<Operation> ops = byKey.computeIfAbsent(op.key(), k -> new ArrayList<>());
      boolean constrainsNothing = op.outcome() == Outcome.FAIL
          || (op.outcome() == Outcome.INDETERMINATE && model.isReadOnly(op));
      if (!constrainsNothing) {
        ops.add(op);
      }
    }
    SearchBudget budget = new SearchBudget(config.searchStatesMax(), nanoClock,
        nanoClock.getAsLong() + config.timeLimit().toNanos());
    List<Value> keys = new ArrayList<>(byKey.keySet());
    List<SearchResult> results = searchAll(model, keys, byKey, budget);

    Validity valid = Validity.VALID;
    List<Anomaly> anomalies = new ArrayList<>();
    List<Verdict.KeyVerdict> keyVerdicts = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      SearchResult result = results.get(i);
      Validity keyValid = switch (result) {
        case SearchResult.Linearizable l -> Validity.VALID;
        case SearchResult.NotLinearizable n -> {
          anomalies.add(n.anomaly());
          yield Validity.INVALID;
        }
        case SearchResult.Unknown u -> Validity.UNKNOWN;
      };
      Optional<String> reason = result instanceof SearchResult.Unknown u
          ? Optional.of(u.reason()) : Optional.empty();
      keyVerdicts.add(new Verdict.KeyVerdict(keys.get(i), keyValid, byKey.get(keys.get(i)).size(),
          result.states(), reason));
      valid = valid.and(keyValid);
    }
    return new Verdict(model.name(), valid, anomalies, history.counts(), keyVerdicts);
  }

  private <S> List<SearchResult> searchAll(Model<S> model, List<Value> keys,
      Map<Value, List<Operation>> byKey, SearchBudget budget) {
    int workers = Math.min(config.parallelismMax(), keys.size());
    List<SearchResult> results = new ArrayList<>(keys.size());
    if (workers <= 1) {
      for (Value key : keys) {
        results.add(new LinearizabilitySearch<>(model, key, byKey.get(key), budget).run());
      }
      return results;
    }
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "linearizability-search");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<SearchResult>> futures = new ArrayList<>(keys.size());
      for (Value key : keys) {
        futures.add(pool.submit(
            () -> new LinearizabilitySearch<>(model, key, byKey.get(key), budget).run()));
      }
      for (Future<SearchResult> future : futures) {
        results.add(future.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a key's search failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
