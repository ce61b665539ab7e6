package meridian.tests.sim;

/** A checker found the core (or the simulator) breaking a promise. The cluster adds seed and trace. */
final class InvariantViolation extends AssertionError {
  InvariantViolation(String message) {
    super(message);
  }
}
