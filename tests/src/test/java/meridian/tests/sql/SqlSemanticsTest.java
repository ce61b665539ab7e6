package meridian.tests.sql;

import static meridian.tests.sql.SqlClient.int64;
import static meridian.tests.sql.SqlClient.string;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** SQL statements against a real node, each kind against expected results. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlSemanticsTest {
  private EmbeddedNode node;
  private SqlClient sql;

  @BeforeAll
  void start(@TempDir Path dir) {
    node = EmbeddedNode.start(dir, 4);
    sql = new SqlClient(node.address());
    sql.run("CREATE TABLE items (id INT64 NOT NULL, name STRING, price NUMERIC, qty INT64, made DATE, PRIMARY KEY (id))");
    sql.run("INSERT INTO items (id, name, price, qty, made) VALUES (1, 'apple', 1.50, 10, '2024-01-02'), (2, 'pear', 2.25, NULL, '2024-02-01'),"
        + " (3, 'plum', 0.75, 5, NULL), (4, NULL, 3, 0, '2023-12-31')");
  }

  @AfterAll
  void stop() {
    sql.close();
    node.close();
  }

  @Test
  void selectsWithWhereOrderLimitAndNulls() {
    assertThat(sql.rows("SELECT id, name FROM items WHERE id = 2")).containsExactly("2|pear");
    assertThat(sql.rows("SELECT id FROM items WHERE id >= 2 AND id < 4 ORDER BY id DESC")).containsExactly("3", "2");
    assertThat(sql.rows("SELECT name FROM items ORDER BY name")).containsExactly("NULL", "apple", "pear", "plum");
    assertThat(sql.rows("SELECT id FROM items WHERE qty IS NULL")).containsExactly("2");
    assertThat(sql.rows("SELECT id FROM items WHERE name LIKE 'p%' ORDER BY id LIMIT 1 OFFSET 1")).containsExactly("3");
    assertThat(sql.rows("SELECT id FROM items WHERE id IN (1, 3, 9) ORDER BY id")).containsExactly("1", "3");
    assertThat(sql.rows("SELECT id FROM items WHERE price BETWEEN 1 AND 2.5 ORDER BY price")).containsExactly("1", "2");
    assertThat(sql.rows("SELECT id, price * 2 AS double_price FROM items WHERE id = 1")).containsExactly("1|3");
    assertThat(sql.rows("SELECT made FROM items WHERE made > '2024-01-01' ORDER BY made")).containsExactly("2024-01-02", "2024-02-01");
  }

  @Test
  void aggregatesAndGroups() {
    assertThat(sql.rows("SELECT COUNT(*), COUNT(qty), SUM(qty), MIN(price), MAX(price) FROM items")).containsExactly("4|3|15|0.75|3");
    assertThat(sql.rows("SELECT qty > 0 AS stocked, COUNT(*) FROM items WHERE qty IS NOT NULL GROUP BY qty > 0 ORDER BY 1"))
        .containsExactly("false|1", "true|2");
    assertThat(sql.rows("SELECT DISTINCT qty IS NULL FROM items ORDER BY 1")).containsExactly("false", "true");
    assertThat(sql.stateOf("SELECT name, COUNT(*) FROM items")).startsWith("42803");
  }

  @Test
  void parametersAndErrors() {
    assertThat(sql.rows("SELECT name FROM items WHERE id = ?", int64(3))).containsExactly("plum");
    assertThat(sql.rows("SELECT id FROM items WHERE name = ?", string("apple"))).containsExactly("1");
    assertThat(sql.stateOf("SELEC 1")).startsWith("42601");
    assertThat(sql.stateOf("SELECT * FROM nope")).startsWith("42P01");
    assertThat(sql.stateOf("SELECT nope FROM items")).startsWith("42703");
    assertThat(sql.stateOf("INSERT INTO items (id, name) VALUES (1, 'again')")).startsWith("23505");
    assertThat(sql.stateOf("INSERT INTO items (id, qty) VALUES (NULL, 1)")).startsWith("23502");
    assertThat(sql.stateOf("INSERT INTO items (id, qty) VALUES (9, 'many')")).startsWith("42804");
    assertThat(sql.rows("SELECT COUNT(*) FROM items")).containsExactly("4");
  }

  @Test
  void updatesDeletesAndTransactions() {
    sql.run("CREATE TABLE accounts (id INT64 PRIMARY KEY, balance INT64 NOT NULL)");
    sql.run("INSERT INTO accounts VALUES (1, 100), (2, 50)");
    assertThat(sql.run("UPDATE accounts SET balance = balance - 30 WHERE id = 1").getUpdateCount()).isEqualTo(1);
    sql.run("BEGIN");
    sql.run("UPDATE accounts SET balance = balance + 30 WHERE id = 2");
    assertThat(sql.rows("SELECT SUM(balance) FROM accounts")).containsExactly("150");
    sql.run("ROLLBACK");
    assertThat(sql.rows("SELECT balance FROM accounts ORDER BY id")).containsExactly("70", "50");
    sql.run("BEGIN");
    sql.run("UPDATE accounts SET balance = balance + 30 WHERE id = 2");
    assertThat(sql.run("COMMIT").getCommitTimestampMicros()).isPositive();
    assertThat(sql.rows("SELECT balance FROM accounts ORDER BY id")).containsExactly("70", "80");
    sql.run("INSERT OR UPDATE INTO accounts (id, balance) VALUES (2, 1), (3, 3)");
    assertThat(sql.rows("SELECT id, balance FROM accounts ORDER BY id")).containsExactly("1|70", "2|1", "3|3");
    assertThat(sql.run("DELETE FROM accounts WHERE balance < 5").getUpdateCount()).isEqualTo(2);
    assertThat(sql.rows("SELECT id FROM accounts")).containsExactly("1");
    sql.run("BEGIN READ ONLY");
    assertThat(sql.stateOf("DELETE FROM accounts")).startsWith("25006");
    sql.run("COMMIT");
  }

  @Test
  void indexesJoinsAndSchemaChanges() {
    sql.run("CREATE TABLE orders (id INT64 PRIMARY KEY, item INT64, amount INT64)");
    sql.run("INSERT INTO orders VALUES (10, 1, 3), (11, 1, 4), (12, 3, 1), (13, 9, 2)");
    sql.run("CREATE INDEX orders_by_item ON orders (item)");
    assertThat(sql.rows("EXPLAIN SELECT id FROM orders WHERE item = 1").get(0)).contains("index lookup on orders_by_item");
    assertThat(sql.rows("SELECT id FROM orders WHERE item = 1 ORDER BY id")).containsExactly("10", "11");
    sql.run("UPDATE orders SET item = 3 WHERE id = 10");
    assertThat(sql.rows("SELECT id FROM orders WHERE item = 3 ORDER BY id")).containsExactly("10", "12");
    assertThat(sql.rows("SELECT id FROM orders WHERE item = 1")).containsExactly("11");
    assertThat(sql.rows("SELECT o.id, i.name FROM orders o JOIN items i ON o.item = i.id ORDER BY o.id"))
        .containsExactly("10|plum", "11|apple", "12|plum");
    assertThat(sql.rows("SELECT o.id, i.name FROM orders o LEFT JOIN items i ON o.item = i.id WHERE o.id = 13")).containsExactly("13|NULL");
    assertThat(sql.rows("EXPLAIN SELECT o.id, i.name FROM orders o JOIN items i ON o.item = i.id"))
        .contains("inner join by primary-key lookups into items");
    assertThat(sql.rows("EXPLAIN SELECT o.id, i.name FROM orders o JOIN items i ON o.amount = i.qty").get(1)).contains("nested-loop");
    assertThat(sql.rows("SELECT o.id, i.name FROM orders o JOIN items i ON o.amount = i.qty ORDER BY o.id")).isEmpty();
    sql.run("CREATE UNIQUE INDEX orders_amount ON orders (amount)");
    assertThat(sql.stateOf("INSERT INTO orders VALUES (14, 1, 3)")).startsWith("23505");
    assertThat(sql.stateOf("CREATE UNIQUE INDEX orders_item_unique ON orders (item)")).startsWith("23505");
    sql.run("ALTER TABLE orders ADD COLUMN note STRING");
    assertThat(sql.rows("SELECT note FROM orders WHERE id = 10")).containsExactly("NULL");
    sql.run("ALTER TABLE orders DROP COLUMN note");
    assertThat(sql.rows("SELECT column_name FROM information_schema.columns WHERE table_name = 'orders' ORDER BY ordinal_position"))
        .containsExactly("id", "item", "amount");
    sql.run("DROP INDEX orders_by_item");
    sql.run("DROP TABLE orders");
    assertThat(sql.stateOf("SELECT * FROM orders")).startsWith("42P01");
  }

  @Test
  void sessionStatementsAndSyntaxPositions() {
    try (SqlClient session = new SqlClient(node.address())) {
      assertThat(session.stateOf("SELECT id FROM items WHERE")).startsWith("42601").contains("line 1, column");
      assertThat(session.rows("SHOW TABLES")).contains("items");
      session.run("CREATE TABLE clock (id INT64 PRIMARY KEY, v INT64)");
      long commit = session.run("INSERT INTO clock VALUES (1, 1)").getCommitTimestampMicros();
      assertThat(commit).isPositive();
      assertThat(session.rows("SHOW VARIABLE COMMIT_TIMESTAMP").get(0)).isEqualTo(
          java.time.Instant.EPOCH.plus(commit, java.time.temporal.ChronoUnit.MICROS).toString());
      session.run("UPDATE clock SET v = 2 WHERE id = 1");
      // A read at the first commit's timestamp sees the first value; a strong read the second.
      session.run("SET READ_ONLY_STALENESS = 'READ_TIMESTAMP " + java.time.Instant.EPOCH.plus(commit, java.time.temporal.ChronoUnit.MICROS) + "'");
      assertThat(session.rows("SELECT v FROM clock")).containsExactly("1");
      assertThat(session.run("SELECT v FROM clock").getReadTimestampMicros()).isEqualTo(commit);
      session.run("SET READ_ONLY_STALENESS = 'STRONG'");
      assertThat(session.rows("SELECT v FROM clock")).containsExactly("2");
      assertThat(session.stateOf("SET READ_ONLY_STALENESS = 'SOMETIMES'")).startsWith("22023");
      session.run("SET TRANSACTION READ ONLY");
      session.run("BEGIN");
      assertThat(session.stateOf("UPDATE clock SET v = 3")).startsWith("25006");
      session.run("COMMIT");
      session.run("SET READ_ONLY = TRUE");
      assertThat(session.stateOf("UPDATE clock SET v = 3")).startsWith("25006");
      session.run("SET READ_ONLY = FALSE");
      assertThat(session.stateOf("CREATE TABLE clock (id INT64 PRIMARY KEY)")).startsWith("42P07");
      session.run("BEGIN");
      assertThat(session.stateOf("CREATE TABLE other (id INT64 PRIMARY KEY)")).startsWith("25001");
      session.run("ROLLBACK");
    }
  }

  @Test
  void schemaChangesLetWritesInFlightCommitUnlessTheyAddAColumnOrAnIndex() {
    try (SqlClient writer = new SqlClient(node.address()); SqlClient admin = new SqlClient(node.address())) {
      admin.run("CREATE TABLE sc (id INT64 PRIMARY KEY, v INT64, extra STRING)");
      admin.run("INSERT INTO sc VALUES (1, 1, 'x')");
      writer.run("BEGIN");
      writer.run("UPDATE sc SET v = 2 WHERE id = 1");
      admin.run("ALTER TABLE sc DROP COLUMN extra");
      assertThat(writer.run("COMMIT").getCommitTimestampMicros()).isPositive();
      writer.run("BEGIN");
      writer.run("UPDATE sc SET v = 3 WHERE id = 1");
      admin.run("ALTER TABLE sc ADD COLUMN note STRING");
      assertThat(writer.stateOf("COMMIT")).startsWith("40001");
      assertThat(admin.rows("SELECT v, note FROM sc")).containsExactly("2|NULL");
      writer.run("BEGIN");
      writer.run("UPDATE sc SET v = 4 WHERE id = 1");
      // A read while the writer's transaction is open is never blocked by it or by the change.
      assertThat(admin.rows("SELECT v FROM sc")).containsExactly("2");
      admin.run("CREATE INDEX sc_v ON sc (v)");
      assertThat(writer.stateOf("COMMIT")).startsWith("40001");
      assertThat(admin.rows("SELECT id FROM sc WHERE v = 2")).containsExactly("1");
    }
  }
}
