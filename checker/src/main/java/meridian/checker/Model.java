package meridian.checker;

import java.util.Optional;

/**
 * A sequential specification: the state machine a linearizable object must appear to be.
 * Implementations are immutable and their states are immutable values with structural equality
 * (they are memo keys). Only a model that can take effect one operation at a time fits here.
 *
 * @param <S> the state
 */
public sealed interface Model<S> permits RegisterModel {

  /** The name used on the command line and in verdicts. */
  String name();

  S initialState();

  /** Why the model cannot interpret {@code op} (unknown {@code f}, ill-shaped value), if so. */
  Optional<String> problem(Operation op);

  /**
   * Whether {@code op} can never change the state (a read). Such an operation constrains nothing
   * when it is indeterminate, so the checker drops it.
   */
  boolean isReadOnly(Operation op);

  /**
   * The state after {@code op} takes effect in {@code state}, or {@code null} when it cannot take
   * effect there with the result it reported. Hot path: must not allocate when it refuses.
   */
  S step(S state, Operation op);

  /** A one-line reason for {@link #step} refusing {@code op} in {@code state}, for reports. */
  String refusal(S state, Operation op);

  /** The state as JSON, for reports. */
  Value render(S state);

  /** The model called {@code name}, if there is one. */
  static Optional<Model<?>> named(String name) {
    return switch (name) {
      case "register" -> Optional.of(RegisterModel.INSTANCE);
      default -> Optional.empty();
    };
  }
}
