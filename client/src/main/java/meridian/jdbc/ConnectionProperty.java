package meridian.jdbc;

import java.sql.DriverPropertyInfo;
import java.util.Locale;

/**
 * The connection properties the driver knows, in the URL ({@code ?name=value&...}) or in the
 * {@code Properties} given to {@code connect}. Any other name is refused (08001), so that a typo
 * does not silently leave a default in force.
 */
enum ConnectionProperty {
  READ_ONLY_STALENESS("readOnlyStaleness", null,
      "Timestamp bound of read-only statements, sent as SET READ_ONLY_STALENESS: STRONG, EXACT_STALENESS 10s, "
          + "MAX_STALENESS 10s, READ_TIMESTAMP <rfc3339> or MIN_READ_TIMESTAMP <rfc3339>"),
  RETRY_ABORTS_INTERNALLY("retryAbortsInternally", "true",
      "Replay an aborted transaction's statements and continue when they return the same results", "true", "false"),
  CONNECT_TIMEOUT("connectTimeout", "10", "Seconds to wait for each host when opening a session (1..3600)"),
  QUERY_TIMEOUT("queryTimeout", "0", "Default statement timeout in seconds (0: the server's default; at most 86400)"),
  MAX_RETRIES("maxRetries", "10", "Times an aborted transaction is replayed at most (0..1000)"),
  // Accepted because DriverManager and pools pass them; Meridian has no authentication yet.
  USER("user", null, "Ignored: Meridian has no authentication"),
  PASSWORD("password", null, "Ignored: Meridian has no authentication");

  final String key;
  final String defaultValue;
  final String description;
  final String[] choices;

  ConnectionProperty(String key, String defaultValue, String description, String... choices) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.description = description;
    this.choices = choices;
  }

  /** The property named {@code name} (case-insensitive), or null. */
  static ConnectionProperty byKey(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (ConnectionProperty p : values()) {
      if (p.key.toLowerCase(Locale.ROOT).equals(lower)) {
        return p;
      }
    }
    return null;
  }

  static String knownKeys() {
    StringBuilder keys = new StringBuilder();
    for (ConnectionProperty p : values()) {
      keys.append(keys.isEmpty() ? "" : ", ").append(p.key);
    }
    return keys.toString();
  }

  DriverPropertyInfo info(String value) {
    DriverPropertyInfo info = new DriverPropertyInfo(key, value != null ? value : defaultValue);
    info.description = description;
    info.required = false;
    info.choices = choices.length == 0 ? null : choices.clone();
    return info;
  }
}
