package meridian.server.sql;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import meridian.proto.v1.TimestampBound;

/** {@code SET READ_ONLY_STALENESS} values as timestamp bounds (paper 4.1.3). */
final class Staleness {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,12})\\s*(ns|us|ms|s|m)", Pattern.CASE_INSENSITIVE);

  private Staleness() {}

  static TimestampBound parse(String text) {
    String t = text.trim();
    String[] parts = t.split("\\s+", 2);
    String kind = parts[0].toUpperCase(Locale.ROOT);
    String arg = parts.length > 1 ? parts[1].trim() : "";
    return switch (kind) {
      case "STRONG" -> TimestampBound.newBuilder().setStrong(true).build();
      case "EXACT_STALENESS" -> TimestampBound.newBuilder().setExactStalenessMicros(micros(arg, t)).build();
      case "MAX_STALENESS" -> TimestampBound.newBuilder().setMaxStalenessMicros(micros(arg, t)).build();
      case "READ_TIMESTAMP" -> TimestampBound.newBuilder().setReadTimestampMicros(timestamp(arg, t)).build();
      case "MIN_READ_TIMESTAMP" -> TimestampBound.newBuilder().setMinReadTimestampMicros(timestamp(arg, t)).build();
      default -> throw invalid(t);
    };
  }

  private static long micros(String arg, String whole) {
    Matcher m = DURATION.matcher(arg);
    if (!m.matches()) {
      throw invalid(whole);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "ns" -> n / 1_000;
      case "us" -> n;
      case "ms" -> n * 1_000;
      case "s" -> n * 1_000_000;
      default -> n * 60_000_000;
    };
  }

  private static long timestamp(String arg, String whole) {
    try {
      return SqlKeys.micros(Instant.parse(arg));
    } catch (DateTimeParseException e) {
      throw invalid(whole);
    }
  }

  private static SqlError invalid(String text) {
    return new SqlError(SqlError.INVALID_PARAMETER, "invalid READ_ONLY_STALENESS '" + text
        + "': use 'STRONG', 'EXACT_STALENESS 10s', 'MAX_STALENESS 10s', 'READ_TIMESTAMP 2026-01-01T00:00:00Z' or 'MIN_READ_TIMESTAMP ...'");
  }
}
