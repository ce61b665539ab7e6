package meridian.jdbc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import meridian.client.NodeAddress;

/**
 * A parsed connection URL with its properties:
 * {@code jdbc:meridian://host1:port1[,host2:port2...][/database][?property=value&...]}. Every host
 * needs its port. A property in the URL overrides the same one in {@code Properties} (the URL is
 * what the user wrote last, as in pgjdbc). Values in the URL are percent-decoded ({@code +} is a
 * space).
 */
record ConnectionConfig(
    List<NodeAddress> hosts,
    String database,
    String readOnlyStaleness,
    boolean retryAbortsInternally,
    int connectTimeoutSeconds,
    int queryTimeoutSeconds,
    int maxRetries) {

  static final String PREFIX = "jdbc:meridian://";
  /** A URL listing more hosts than this is a mistake, not a cluster. */
  static final int HOSTS_MAX = 64;
  static final int CONNECT_TIMEOUT_SECONDS_MAX = 3600;
  static final int QUERY_TIMEOUT_SECONDS_MAX = 86_400;
  static final int MAX_RETRIES_MAX = 1000;
  private static final List<String> STALENESS_KINDS =
      List.of("STRONG", "EXACT_STALENESS", "MAX_STALENESS", "READ_TIMESTAMP", "MIN_READ_TIMESTAMP");

  static boolean accepts(String url) {
    return url != null && url.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
  }

  static ConnectionConfig parse(String url, Properties info) throws SQLException {
    if (!accepts(url)) {
      throw malformed(url, "it does not start with " + PREFIX);
    }
    String rest = url.substring(PREFIX.length());
    String query = "";
    int question = rest.indexOf('?');
    if (question >= 0) {
      query = rest.substring(question + 1);
      rest = rest.substring(0, question);
    }
    String database = "";
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      database = rest.substring(slash + 1);
      rest = rest.substring(0, slash);
      if (database.contains("/")) {
        throw malformed(url, "the database name '" + database + "' contains '/'");
      }
    }
    List<NodeAddress> hosts = parseHosts(url, rest);
    Map<ConnectionProperty, String> values = new EnumMap<>(ConnectionProperty.class);
    if (info != null) {
      for (String name : info.stringPropertyNames()) {
        values.put(property(url, name), info.getProperty(name));
      }
    }
    values.putAll(parseQuery(url, query));
    return fromValues(url, hosts, database, values);
  }

  /** The properties named in the URL (for getPropertyInfo), without validating their values. */
  static Map<ConnectionProperty, String> urlProperties(String url) throws SQLException {
    int question = url.indexOf('?');
    return question < 0 ? Map.of() : parseQuery(url, url.substring(question + 1));
  }

  private static List<NodeAddress> parseHosts(String url, String hostList) throws SQLException {
    if (hostList.isBlank()) {
      throw malformed(url, "it names no host (write host:port after //)");
    }
    String[] parts = hostList.split(",", -1);
    if (parts.length > HOSTS_MAX) {
      throw malformed(url, "it lists " + parts.length + " hosts; at most " + HOSTS_MAX);
    }
    List<NodeAddress> hosts = new ArrayList<>();
    for (String part : parts) {
      String host = part.trim();
      boolean hasPort = host.startsWith("[") ? host.contains("]:") : host.contains(":");
      if (!hasPort) {
        throw malformed(url, "host '" + host + "' has no port (write host:port, for example localhost:7000)");
      }
      try {
        hosts.add(NodeAddress.parse(host));
      } catch (IllegalArgumentException e) {
        throw malformed(url, e.getMessage());
      }
    }
    return List.copyOf(hosts);
  }

  private static Map<ConnectionProperty, String> parseQuery(String url, String query) throws SQLException {
    Map<ConnectionProperty, String> values = new EnumMap<>(ConnectionProperty.class);
    if (query.isEmpty()) {
      return values;
    }
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw malformed(url, "'" + pair + "' is not property=value");
      }
      String value;
      try {
        value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw malformed(url, "the value in '" + pair + "' is not percent-encoded correctly");
      }
      values.put(property(url, URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8)), value);
    }
    return values;
  }

  private static ConnectionProperty property(String url, String name) throws SQLException {
    ConnectionProperty property = ConnectionProperty.byKey(name);
    if (property == null) {
      throw new SQLNonTransientConnectionException(
          "unknown connection property '" + name + "' in " + url + " (known: " + ConnectionProperty.knownKeys() + ")",
          SqlExceptions.CONNECTION_REFUSED);
    }
    return property;
  }

  private static ConnectionConfig fromValues(
      String url, List<NodeAddress> hosts, String database, Map<ConnectionProperty, String> values) throws SQLException {
    String staleness = values.get(ConnectionProperty.READ_ONLY_STALENESS);
    if (staleness != null) {
      staleness = staleness.trim();
      String kind = staleness.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
      if (!STALENESS_KINDS.contains(kind)) {
        throw invalid(url, ConnectionProperty.READ_ONLY_STALENESS, staleness, "it starts with one of " + STALENESS_KINDS);
      }
      if (staleness.indexOf('\'') >= 0) {
        throw invalid(url, ConnectionProperty.READ_ONLY_STALENESS, staleness, "it contains a quote");
      }
    }
    return new ConnectionConfig(
        hosts,
        database,
        staleness,
        bool(url, ConnectionProperty.RETRY_ABORTS_INTERNALLY, values),
        integer(url, ConnectionProperty.CONNECT_TIMEOUT, values, 1, CONNECT_TIMEOUT_SECONDS_MAX),
        integer(url, ConnectionProperty.QUERY_TIMEOUT, values, 0, QUERY_TIMEOUT_SECONDS_MAX),
        integer(url, ConnectionProperty.MAX_RETRIES, values, 0, MAX_RETRIES_MAX));
  }

  private static boolean bool(String url, ConnectionProperty p, Map<ConnectionProperty, String> values) throws SQLException {
    String value = values.getOrDefault(p, p.defaultValue).trim();
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw invalid(url, p, value, "it is true or false");
    };
  }

  private static int integer(String url, ConnectionProperty p, Map<ConnectionProperty, String> values, int min, int max)
      throws SQLException {
    String value = values.getOrDefault(p, p.defaultValue).trim();
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below with the allowed range
    }
    throw invalid(url, p, value, "it is a whole number in " + min + ".." + max);
  }

  private static SQLException invalid(String url, ConnectionProperty p, String value, String rule) {
    return new SQLNonTransientConnectionException(
        "invalid value '" + value + "' for connection property " + p.key + " in " + url + ": " + rule,
        SqlExceptions.CONNECTION_REFUSED);
  }

  private static SQLException malformed(String url, String why) {
    return new SQLNonTransientConnectionException("malformed Meridian URL '" + url + "': " + why
        + " (expected " + PREFIX + "host:port[,host:port...][/database][?property=value&...])", SqlExceptions.CONNECTION_REFUSED);
  }
}
