package meridian.checker;

/** A checker's answer. {@code UNKNOWN} is never rounded to either of the others. */
public enum Validity {
  VALID,
  INVALID,
  UNKNOWN;

  /** Invalid beats unknown beats valid: one invalid key makes the history invalid. */
  Validity and(Validity other) {
    if (this == INVALID || other == INVALID) {
      return INVALID;
    }
    return this == UNKNOWN || other == UNKNOWN ? UNKNOWN : VALID;
  }
}
