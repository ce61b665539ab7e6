package meridian.tests.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Indexes agree with their tables after concurrent updates, aborts and rollbacks, and when an
 * index is created while writers run (the schema change must not lose or invent an entry).
 */
class IndexConsistencyTest {
  static final int ROWS = 40;
  static final int GROUPS = 6;

  @Test
  void indexesMatchTheirTablesAfterConcurrentWritesAndAnOnlineIndexBuild(@TempDir Path dir) throws Exception {
    try (EmbeddedNode node = EmbeddedNode.start(dir, 4); SqlClient setup = new SqlClient(node.address())) {
      setup.run("CREATE TABLE t (id INT64 PRIMARY KEY, grp INT64, v INT64)");
      StringBuilder values = new StringBuilder();
      for (int i = 0; i < ROWS; i++) {
        values.append(i == 0 ? "" : ", ").append("(").append(i).append(", ").append(i % GROUPS).append(", ").append(i).append(")");
      }
      setup.run("INSERT INTO t VALUES " + values);
      setup.run("CREATE INDEX t_grp ON t (grp)");
      AtomicInteger commits = new AtomicInteger();
      AtomicInteger aborts = new AtomicInteger();
      ExecutorService workers = Executors.newFixedThreadPool(4);
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < 3; w++) {
        long seed = w;
        done.add(workers.submit(() -> {
          SplittableRandom random = new SplittableRandom(seed);
          try (SqlClient sql = new SqlClient(node.address())) {
            for (int i = 0; i < 25; i++) {
              try {
                sql.run("BEGIN");
                sql.run("UPDATE t SET grp = " + random.nextInt(GROUPS) + ", v = v + 1 WHERE id = " + random.nextInt(ROWS));
                sql.run("UPDATE t SET grp = " + random.nextInt(GROUPS) + " WHERE id = " + random.nextInt(ROWS));
                if (random.nextInt(4) == 0) {
                  sql.run("ROLLBACK");
                } else {
                  sql.run("COMMIT");
                  commits.incrementAndGet();
                }
              } catch (StatusRuntimeException e) {
                aborts.incrementAndGet();
                sql.run("ROLLBACK");
              }
            }
          }
          return null;
        }));
      }
      // An index built while the writers run: write-only, backfilled, then public.
      done.add(workers.submit(() -> {
        try (SqlClient sql = new SqlClient(node.address())) {
          sql.run("CREATE INDEX t_v ON t (v)");
        }
        return null;
      }));
      for (Future<?> f : done) {
        f.get(300, TimeUnit.SECONDS);
      }
      workers.shutdown();
      System.out.printf("index test: %d commits, %d aborted attempts%n", commits.get(), aborts.get());
      assertThat(commits.get()).isPositive();
      assertThat(setup.rows("EXPLAIN SELECT id FROM t WHERE grp = 1").get(0)).contains("index lookup on t_grp");
      assertThat(setup.rows("EXPLAIN SELECT id FROM t WHERE v = 1").get(0)).contains("index lookup on t_v");
      for (int g = 0; g < GROUPS; g++) {
        assertThat(setup.rows("SELECT id FROM t WHERE grp = " + g + " ORDER BY id"))
            .as("group %d by index and by scan", g)
            .isEqualTo(setup.rows("SELECT id FROM t WHERE grp + 0 = " + g + " ORDER BY id"));
      }
      for (String row : setup.rows("SELECT id, v FROM t")) {
        String[] parts = row.split("\\|");
        assertThat(setup.rows("SELECT id FROM t WHERE v = " + parts[1])).as("v index for row " + row).contains(parts[0]);
      }
      assertThat(setup.rows("SELECT COUNT(*) FROM t")).containsExactly(Integer.toString(ROWS));
    }
  }
}
