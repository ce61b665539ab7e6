package meridian.truetime;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The TrueTime service of one node: a {@link ClockModel} behind one lock, fed from a {@link
 * PhysicalClock}. Thread-safe.
 *
 * <p>The clock is read while the lock is held, so that the model sees readings in the order they
 * were taken. The lock is never held while sleeping: {@link #waitUntilAfter} sleeps between rounds
 * with the lock released.
 */
public final class TrueTime {

  private final PhysicalClock clock;
  private final Sleeper sleeper;
  private final TrueTimeConfig config;
  private final ReentrantLock lock = new ReentrantLock();
  // Guarded by lock: the model is not thread-safe.
  private final ClockModel model;

  /** TrueTime for a node that is not a time master. */
  public TrueTime(PhysicalClock clock, TrueTimeConfig config, Sleeper sleeper) {
    this(clock, sleeper, new ClockModel(config));
  }

  private TrueTime(PhysicalClock clock, Sleeper sleeper, ClockModel model) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.model = model;
    this.config = model.config();
  }

  /**
   * TrueTime for a time master: its own clock is one source of every sync (offset within {@link
   * TrueTimeConfig#masterEpsilonMicros()}, no round trip), and it can answer polls ({@link
   * #answerAsMaster()}).
   */
  public static TrueTime asMaster(
      String masterId, PhysicalClock clock, TrueTimeConfig config, Sleeper sleeper) {
    return new TrueTime(clock, sleeper, ClockModel.forMaster(config, masterId));
  }

  /**
   * The interval that contains true time now.
   *
   * @throws TrueTimeFencedException when the node is fenced (see {@link #tryNow()} for a value)
   */
  public TTInterval now() {
    return switch (tryNow()) {
      case NowResult.Granted granted -> granted.interval();
      case NowResult.Fenced fenced -> throw new TrueTimeFencedException(fenced.fence());
    };
  }

  /** {@link #now()} as a value: the interval, or the fence. Never throws for a fence. */
  public NowResult tryNow() {
    return withModel(m -> {
      ClockReading reading = clock.read();
      return m.now(reading.wallMicros(), reading.monotonicMicros());
    });
  }

  /** Whether {@code tMicros} has certainly passed: {@code tMicros < now().earliestMicros()}. */
  public boolean after(long tMicros) {
    return tMicros < now().earliestMicros();
  }

  /** Whether {@code tMicros} has certainly not arrived: {@code tMicros > now().latestMicros()}. */
  public boolean before(long tMicros) {
    return tMicros > now().latestMicros();
  }

  /**
   * Commit wait: returns once {@link #after after(tMicros)} holds, never before. Each round sleeps
   * about {@code tMicros - earliest} (a little more, as earliest gains on true time only at {@code 1
   * - driftRate}); expect about twice epsilon in all.
   *
   * @param timeoutMicros the bound on the wait, on the monotonic clock (>= 0)
   * @throws TrueTimeFencedException if the node is fenced at any round
   * @throws CommitWaitTimeoutException if the bound passes first
   * @throws InterruptedException if the thread is interrupted while sleeping
   */
  public void waitUntilAfter(long tMicros, long timeoutMicros) throws InterruptedException {
    if (timeoutMicros < 0) {
      throw new IllegalArgumentException("negative timeout " + timeoutMicros + " us");
    }
    long startMicros = clock.monotonicMicros();
    while (true) {
      TTInterval interval = now();
      if (tMicros < interval.earliestMicros()) {
        return;
      }
      long remainingMicros = timeoutMicros - (clock.monotonicMicros() - startMicros);
      if (remainingMicros <= 0) {
        throw new CommitWaitTimeoutException(tMicros, timeoutMicros, interval.earliestMicros());
      }
      long neededMicros = tMicros - interval.earliestMicros() + 1;
      long slackMicros = Ppm.ceilOf(neededMicros, 2 * config.driftRatePpm());
      sleeper.sleepMicros(Math.min(remainingMicros, neededMicros + slackMicros));
    }
  }

  /**
   * Feeds one sync round to the model, stamped with the clock now (call it right after the
   * readings came back; they must be timestamped with {@link #wallMicros()}).
   *
   * @param readings the masters that answered, each at most once, never this node itself
   * @param unreachableMasterIds the masters polled that did not answer, for status
   */
  public SyncOutcome sync(List<MasterReading> readings, Collection<String> unreachableMasterIds) {
    Objects.requireNonNull(readings, "readings");
    Objects.requireNonNull(unreachableMasterIds, "unreachableMasterIds");
    return withModel(m -> {
      ClockReading reading = clock.read();
      return m.onSync(readings, unreachableMasterIds, reading.wallMicros(), reading.monotonicMicros());
    });
  }

  /** {@link #sync(List, Collection)} with every polled master answering. */
  public SyncOutcome sync(List<MasterReading> readings) {
    return sync(readings, List.of());
  }

  public TrueTimeStatus status() {
    return withModel(m -> {
      ClockReading reading = clock.read();
      return m.status(reading.wallMicros(), reading.monotonicMicros());
    });
  }

  /** The local wall clock, for timestamping polls on the same clock the model is fed from. */
  public long wallMicros() {
    return clock.wallMicros();
  }

  public boolean isMaster() {
    return model.selfMasterId().isPresent();
  }

  public Optional<String> masterId() {
    return model.selfMasterId();
  }

  /** This node's answer to a poll when it is a time master; empty when it is not. */
  public Optional<MasterAnswer> answerAsMaster() {
    return model.selfMasterId()
        .map(id -> new MasterAnswer(id, clock.wallMicros(), config.masterEpsilonMicros()));
  }

  public TrueTimeConfig config() {
    return config;
  }

  /** {@link ClockModel#checkInvariants()}, under the lock. */
  public void checkInvariants() {
    withModel(m -> {
      m.checkInvariants();
      return null;
    });
  }

  private <T> T withModel(Function<ClockModel, T> action) {
    lock.lock();
    try {
      return action.apply(model);
    } finally {
      lock.unlock();
    }
  }
}
