package meridian.checker;

/** What is known about whether an operation took effect. */
public enum Outcome {
  /** Took effect exactly once, between its invoke and its completion. */
  OK,
  /** Did not take effect. */
  FAIL,
  /** Completed {@code info}, or never completed: took effect after its invoke, or never. */
  INDETERMINATE;

  public String jsonName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
