package meridian.checker;

import java.util.Optional;

/**
 * A read/write/compare-and-set register holding a {@link Value}, initially {@code null} (never
 * written). Operations: {@code read} with the value returned ({@code null}: never written),
 * {@code write} with the value written, {@code cas} with {@code [expected, new]}: sets {@code new}
 * if the register holds {@code expected}. A failed cas never reaches the model (it did not take
 * effect), so a cas that takes effect always succeeded.
 */
public record RegisterModel() implements Model<Value> {

  public static final RegisterModel INSTANCE = new RegisterModel();

  @Override
  public String name() {
    return "register";
  }

  @Override
  public Value initialState() {
    return Value.NIL;
  }

  @Override
  public Optional<String> problem(Operation op) {
    return switch (op.f()) {
      case "read", "write" -> Optional.empty();
      case "cas" -> op.value() instanceof Value.Seq s && s.items().size() == 2
          ? Optional.empty()
          : Optional.of("cas value must be [expected, new], not " + op.value().render());
      default -> Optional.of("the register model has no operation \"" + op.f()
          + "\" (read, write, cas)");
    };
  }

  @Override
  public boolean isReadOnly(Operation op) {
    return op.f().equals("read");
  }

  @Override
  public Value step(Value state, Operation op) {
    return switch (op.f()) {
      case "read" -> state.equals(op.value()) ? state : null;
      case "write" -> op.value();
      case "cas" -> {
        Value.Seq args = (Value.Seq) op.value();
        yield state.equals(args.items().get(0)) ? args.items().get(1) : null;
      }
      default -> throw new IllegalArgumentException("not a register operation: " + op);
    };
  }

  @Override
  public String refusal(Value state, Operation op) {
    return switch (op.f()) {
      case "read" -> "read " + op.value().render() + " but the register holds " + state.render();
      case "cas" -> "cas expected " + ((Value.Seq) op.value()).items().get(0).render()
          + " but the register holds " + state.render();
      default -> "accepted";
    };
  }

  @Override
  public Value render(Value state) {
    return state;
  }
}
