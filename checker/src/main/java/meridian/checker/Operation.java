package meridian.checker;

import java.util.Objects;
import java.util.Optional;

/**
 * An invoke paired with its completion.
 *
 * @param index the operation's position among the history's operations, in order of invoke
 * @param invoke the invoke event
 * @param completion the {@code ok}/{@code fail}/{@code info} event; empty when never completed
 * @param value the completion's value for an {@code ok} that carries one (a read's result), else the
 *     invoke's
 */
public record Operation(
    int index, Event invoke, Optional<Event> completion, Outcome outcome, Value value) {

  // Invariant: invoke is an INVOKE; completion, if present, is a later non-INVOKE event of the same
  // process, f and key; outcome agrees with the completion's type (none or INFO -> INDETERMINATE).
  public Operation {
    Objects.requireNonNull(invoke);
    Objects.requireNonNull(completion);
    Objects.requireNonNull(outcome);
    Objects.requireNonNull(value);
    if (invoke.type() != EventType.INVOKE) {
      throw new IllegalArgumentException("not an invoke: " + invoke);
    }
    Outcome expected = completion.map(c -> switch (c.type()) {
      case OK -> Outcome.OK;
      case FAIL -> Outcome.FAIL;
      case INFO -> Outcome.INDETERMINATE;
      case INVOKE -> throw new IllegalArgumentException("completion is an invoke: " + c);
    }).orElse(Outcome.INDETERMINATE);
    if (expected != outcome) {
      throw new IllegalArgumentException("outcome " + outcome + " but completion " + completion);
    }
  }

  public Value process() {
    return invoke.process();
  }

  public String f() {
    return invoke.f();
  }

  public Value key() {
    return invoke.key();
  }

  /** Real-time position of the invoke (event index). */
  public int invokeAt() {
    return invoke.index();
  }

  /**
   * Real-time position after which the operation can no longer take effect: its completion's event
   * index, or {@link Integer#MAX_VALUE} when it is indeterminate (it may take effect at any time).
   */
  public int deadlineAt() {
    return outcome == Outcome.INDETERMINATE ? Integer.MAX_VALUE : completion.orElseThrow().index();
  }

  /**
   * A short name for messages, without the value (a read's result may be long): {@code op 12
   * (process 3, lines 40-45)}.
   */
  public String label() {
    return "op " + index + " (process " + process().render() + completion
        .map(c -> ", lines " + invoke.line() + "-" + c.line())
        .orElse(", line " + invoke.line() + ", never completed") + ")";
  }

  @Override
  public String toString() {
    return "op " + index + " (process " + process().render() + " " + f() + " " + value.render()
        + " " + outcome.jsonName() + completion.map(c -> ", lines " + invoke.line() + "-" + c.line())
            .orElse(", line " + invoke.line() + ", never completed") + ")";
  }
}
