package meridian.checker;

import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Every model by name, with one result type, so a runner treats them alike (see the package
 * documentation for what each checks).
 */
public final class Checkers {

  /** The models {@link #check} knows, as {@code --model} names them. */
  public static final List<String> MODELS = List.of(RegisterModel.INSTANCE.name(),
      BankChecker.MODEL, SetChecker.MODEL, ListAppendChecker.MODEL, MonotonicChecker.MODEL);

  private Checkers() {}

  /** {@link #check(String, History, CheckerConfig, LongSupplier)} on {@code System::nanoTime}. */
  public static CheckResult check(String model, History history, CheckerConfig config)
      throws MalformedHistoryException {
    return check(model, history, config, System::nanoTime);
  }

  /**
   * @param config the register's search limits; the other models need none
   * @param nanoClock a monotonic clock bounding the register's search
   * @throws IllegalArgumentException if {@code model} is not one of {@link #MODELS}
   * @throws MalformedHistoryException if the model cannot interpret the history
   */
  public static CheckResult check(String model, History history, CheckerConfig config,
      LongSupplier nanoClock) throws MalformedHistoryException {
    Objects.requireNonNull(history);
    return switch (model) {
      case "register" -> new LinearizabilityChecker(config, nanoClock)
          .check(RegisterModel.INSTANCE, history).toCheckResult();
      case BankChecker.MODEL -> BankChecker.check(history);
      case SetChecker.MODEL -> SetChecker.check(history);
      case ListAppendChecker.MODEL -> ListAppendChecker.check(history);
      case MonotonicChecker.MODEL -> MonotonicChecker.check(history);
      default -> throw new IllegalArgumentException("unknown model \"" + model + "\" (known: "
          + String.join(", ", MODELS) + ")");
    };
  }
}
