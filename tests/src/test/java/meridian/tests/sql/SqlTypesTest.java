package meridian.tests.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every type as a primary key: storage order must be SQL order, so a key-range read returns
 * exactly what the comparison says; coercions on the way in; limits on the way in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlTypesTest {
  private EmbeddedNode node;
  private SqlClient sql;

  @BeforeAll
  void start(@TempDir Path dir) {
    node = EmbeddedNode.start(dir, 4);
    sql = new SqlClient(node.address());
  }

  @AfterAll
  void stop() {
    sql.close();
    node.close();
  }

  /** Inserts {@code values} (SQL literals, unordered) as keys; checks ORDER BY and a range read from the middle one. */
  private void checkOrder(String type, List<String> literalsSorted, List<String> shownSorted) {
    String table = "k_" + type.toLowerCase().replaceAll("[^a-z0-9]", "");
    sql.run("CREATE TABLE " + table + " (k " + type + " PRIMARY KEY, n INT64)");
    for (int i = literalsSorted.size() - 1; i >= 0; i--) {
      sql.run("INSERT INTO " + table + " VALUES (" + literalsSorted.get(i) + ", " + i + ")");
    }
    assertThat(sql.rows("SELECT k FROM " + table + " ORDER BY k")).as(type).containsExactlyElementsOf(shownSorted);
    int mid = literalsSorted.size() / 2;
    // WHERE k >= middle is served by a primary-key range: storage order decides what comes back.
    assertThat(sql.rows("SELECT n FROM " + table + " WHERE k >= " + literalsSorted.get(mid) + " ORDER BY n"))
        .as(type + " range").containsExactlyElementsOf(java.util.stream.IntStream.range(mid, literalsSorted.size()).mapToObj(Integer::toString).toList());
    assertThat(sql.rows("SELECT n FROM " + table + " WHERE k < " + literalsSorted.get(mid) + " ORDER BY n"))
        .as(type + " range below").containsExactlyElementsOf(java.util.stream.IntStream.range(0, mid).mapToObj(Integer::toString).toList());
  }

  @Test
  void storageOrderIsSqlOrderForEveryKeyType() {
    checkOrder("INT64", List.of("-9223372036854775808", "-5", "0", "7", "9223372036854775807"),
        List.of("-9223372036854775808", "-5", "0", "7", "9223372036854775807"));
    checkOrder("FLOAT64", List.of("-1e300", "-2.5", "0.0", "1.5e-10", "3.25", "1e300"),
        List.of("-1.0E300", "-2.5", "0.0", "1.5E-10", "3.25", "1.0E300"));
    checkOrder("STRING", List.of("''", "'A'", "'a'", "'ab'", "'b'", "'é'"), List.of("", "A", "a", "ab", "b", "é"));
    checkOrder("BYTES", List.of("X''", "X'00'", "X'0000'", "X'01'", "X'7F'", "X'80'", "X'FF'"),
        List.of("0x", "0x00", "0x0000", "0x01", "0x7f", "0x80", "0xff"));
    checkOrder("BOOL", List.of("FALSE", "TRUE"), List.of("false", "true"));
    checkOrder("DATE", List.of("DATE '0001-01-01'", "DATE '1969-12-31'", "DATE '1970-01-01'", "DATE '2024-02-29'"),
        List.of("0001-01-01", "1969-12-31", "1970-01-01", "2024-02-29"));
    checkOrder("TIMESTAMP", List.of("TIMESTAMP '1969-12-31 23:59:59.999999'", "TIMESTAMP '1970-01-01 00:00:00'", "TIMESTAMP '2026-11-30 10:00:00.5'"),
        List.of("1969-12-31T23:59:59.999999Z", "1970-01-01T00:00:00Z", "2026-11-30T10:00:00.500Z"));
    checkOrder("NUMERIC", List.of("-12345678901234567890.5", "-1.000000001", "0", "0.000000001", "2.5", "99999999999999999999999999999.999999999"),
        List.of("-12345678901234567890.5", "-1.000000001", "0", "0.000000001", "2.5", "99999999999999999999999999999.999999999"));
  }

  @Test
  void nullsInAKeyPrefixAndSecondaryColumnsSortFirst() {
    sql.run("CREATE TABLE pairs (a INT64 NOT NULL, b STRING NOT NULL, c FLOAT64, PRIMARY KEY (a, b))");
    sql.run("INSERT INTO pairs VALUES (2, 'x', NULL), (1, 'z', 1.5), (1, 'y', -1), (2, 'a', 0)");
    assertThat(sql.rows("SELECT a, b FROM pairs WHERE a = 1")).containsExactly("1|y", "1|z");
    assertThat(sql.rows("SELECT c FROM pairs ORDER BY c")).containsExactly("NULL", "-1.0", "0.0", "1.5");
    assertThat(sql.rows("SELECT c FROM pairs ORDER BY c DESC")).containsExactly("1.5", "0.0", "-1.0", "NULL");
    assertThat(sql.rows("SELECT b FROM pairs WHERE a = 2 AND b > 'b'")).containsExactly("x");
  }

  @Test
  void coercionsOnTheWayIn() {
    sql.run("CREATE TABLE typed (id INT64 PRIMARY KEY, f FLOAT64, n NUMERIC, d DATE, t TIMESTAMP, s STRING, b BOOL, y BYTES)");
    sql.run("INSERT INTO typed VALUES (1, 2, 3, '2024-01-31', '2024-01-31 10:00:00', 'x', TRUE, X'0A')");
    assertThat(sql.rows("SELECT f, n, d, t, s, b, y FROM typed")).containsExactly("2.0|3|2024-01-31|2024-01-31T10:00:00Z|x|true|0x0a");
    assertThat(sql.stateOf("INSERT INTO typed (id, f) VALUES (2, 'abc')")).startsWith("42804");
    assertThat(sql.stateOf("INSERT INTO typed (id, n) VALUES (2, 'abc')")).startsWith("22P02");
    assertThat(sql.stateOf("INSERT INTO typed (id) VALUES (2.5)")).startsWith("42804");
    assertThat(sql.stateOf("INSERT INTO typed (id, d) VALUES (3, '2024-02-30')")).startsWith("22007");
    assertThat(sql.stateOf("INSERT INTO typed (id, n) VALUES (4, 1e40)")).startsWith("22003");
    assertThat(sql.stateOf("INSERT INTO typed (id, s) VALUES (5, 7)")).startsWith("42804");
    assertThat(sql.rows("SELECT CASE WHEN id = 1 THEN 1 ELSE 2.5 END FROM typed")).containsExactly("1.0");
    assertThat(sql.rows("SELECT COUNT(*) FROM typed")).containsExactly("1");
  }

  @Test
  void limitsGiveClearErrorsAndChangeNothing() {
    sql.run("CREATE TABLE big (id INT64 PRIMARY KEY, s STRING)");
    String huge = "SELECT 1" + " ".repeat(1_000_001);
    assertThat(sql.stateOf(huge)).startsWith("54000");
    String value = "x".repeat(1024 * 1024 + 1);
    assertThat(sql.stateOf("INSERT INTO big VALUES (1, ?)", SqlClient.string(value))).startsWith("22001");
    assertThat(sql.stateOf("INSERT INTO big VALUES (2, 'ok'), (3, NULL), (2, 'again')")).startsWith("23505");
    assertThat(sql.stateOf("INSERT INTO big VALUES (4, 'a'")).startsWith("42601");
    assertThat(sql.stateOf("SELECT * FROM big WHERE id = ?")).startsWith("07001");
    assertThat(sql.rows("SELECT COUNT(*) FROM big")).containsExactly("0");
  }
}
