package meridian.checker;

/** The {@code type} of a history event. */
public enum EventType {
  INVOKE,
  OK,
  FAIL,
  INFO;

  static EventType parse(String text) {
    return switch (text) {
      case "invoke" -> INVOKE;
      case "ok" -> OK;
      case "fail" -> FAIL;
      case "info" -> INFO;
      default -> null;
    };
  }

  public String jsonName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
