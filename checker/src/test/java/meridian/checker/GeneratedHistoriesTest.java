package meridian.checker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Histories linearizable by construction must pass; the same histories with one injected anomaly
 * must fail on the injected key. Seeded: a failure names the seed, and
 * {@code -Dmeridian.checker.seed=N} replays that one seed.
 */
class GeneratedHistoriesTest {

  private static final int SEEDS = 150;
  private static final long BASE_SEED = Long.getLong("meridian.checker.seed", 20260901L);
  private static final boolean ONE_SEED = System.getProperty("meridian.checker.seed") != null;

  private final LinearizabilityChecker checker =
      new LinearizabilityChecker(CheckerConfig.defaults(), System::nanoTime);

  private static RegisterHistoryGenerator.Shape shape(Random random, boolean uniqueValues) {
    int keys = 1 + random.nextInt(3);
    return new RegisterHistoryGenerator.Shape(2 + random.nextInt(5), 30 + random.nextInt(120),
        keys, keys == 1 && random.nextBoolean(), random.nextInt(6), uniqueValues);
  }

  private static long[] seeds() {
    if (ONE_SEED) {
      return new long[] {BASE_SEED};
    }
    long[] seeds = new long[SEEDS];
    for (int i = 0; i < SEEDS; i++) {
      seeds[i] = BASE_SEED + i;
    }
    return seeds;
  }

  private Verdict check(String text) throws MalformedHistoryException {
    return checker.check(RegisterModel.INSTANCE, HistoryParser.parse(text));
  }

  @Test
  void linearizableByConstructionPasses() throws Exception {
    long fail = 0;
    long info = 0;
    long unterminated = 0;
    long concurrentMax = 0;
    for (long seed : seeds()) {
      for (boolean unique : new boolean[] {true, false}) {
        Random random = new Random(seed);
        var lines = RegisterHistoryGenerator.generate(seed, shape(random, unique));
        String text = RegisterHistoryGenerator.render(lines);
        Verdict verdict = check(text);
        assertThat(verdict.valid())
            .as("seed %d (unique values %s): %s%n%s", seed, unique,
                VerdictJson.render(verdict), text)
            .isEqualTo(Validity.VALID);
        History history = HistoryParser.parse(text);
        fail += history.counts().fail();
        info += history.counts().indeterminate() - history.counts().unterminated();
        unterminated += history.counts().unterminated();
        concurrentMax = Math.max(concurrentMax, concurrencyMax(history));
      }
    }
    if (!ONE_SEED) {
      // The generator must keep producing the hard cases, or this test proves little.
      assertThat(fail).as("failed cas").isGreaterThan(100);
      assertThat(info).as("info").isGreaterThan(100);
      assertThat(unterminated).as("unterminated").isGreaterThan(20);
      assertThat(concurrentMax).as("most operations in flight at once").isGreaterThanOrEqualTo(5);
    }
  }

  private static long concurrencyMax(History history) {
    long max = 0;
    for (Operation op : history.operations()) {
      long overlapping = history.operations().stream()
          .filter(o -> o.invokeAt() <= op.invokeAt() && o.deadlineAt() > op.invokeAt())
          .count();
      max = Math.max(max, overlapping);
    }
    return max;
  }

  @Test
  void injectedAnomaliesFail() throws Exception {
    for (long seed : seeds()) {
      for (AnomalyInjector.Kind kind : AnomalyInjector.Kind.values()) {
        Random random = new Random(seed);
        var lines = RegisterHistoryGenerator.generate(seed, shape(random, true));
        AnomalyInjector.Injected injected = AnomalyInjector.inject(lines, kind, random);
        String text = RegisterHistoryGenerator.render(injected.lines());
        Verdict verdict = check(text);
        String why = String.format("seed %d, %s on key %s: %s%n%s", seed, kind, injected.key(),
            VerdictJson.render(verdict), text);
        assertThat(verdict.valid()).as(why).isEqualTo(Validity.INVALID);
        Value key = injected.key() == null ? Value.NIL : Value.of(injected.key());
        assertThat(verdict.anomalies()).as(why).extracting(Anomaly::key).containsExactly(key);
      }
    }
  }

  @Test
  void generatorIsDeterministic() {
    Random a = new Random(7);
    Random b = new Random(7);
    List<RegisterHistoryGenerator.Line> first = RegisterHistoryGenerator.generate(7, shape(a, true));
    assertThat(RegisterHistoryGenerator.generate(7, shape(b, true))).isEqualTo(first);
  }
}
