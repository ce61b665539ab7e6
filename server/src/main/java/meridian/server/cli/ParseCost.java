package meridian.server.cli;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import org.HdrHistogram.Histogram;

/**
 * What parsing a statement costs, measured in this JVM for {@code meridian bench-sql}: once as the
 * node parses ({@code Session.parse}: {@code CCJSqlParserUtil.parse(sql, parser ->
 * parser.withTimeOut(...))}, which in JSqlParser 5.3 starts a new single-thread executor for
 * every statement to enforce the timeout), and once on one reused executor thread, which is the
 * parser's own work plus a hand-off.
 */
final class ParseCost {
  /** The node's parse timeout ({@code Session.parse}). */
  static final long TIMEOUT_MILLIS = 10_000;

  private ParseCost() {}

  /** Median microseconds per statement, over {@code samples} parses of each statement after as many unmeasured ones. */
  record Result(long asTheNodeParsesP50Micros, long reusedThreadP50Micros) {}

  static Result measure(List<String> statements, int samples) throws JSQLParserException {
    Histogram asTheNode = new Histogram(3);
    Histogram reused = new Histogram(3);
    ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "parse-cost");
      t.setDaemon(true);
      return t;
    });
    try {
      for (int round = 0; round < 2; round++) {
        for (int i = 0; i < samples; i++) {
          for (String sql : statements) {
            long start = System.nanoTime();
            CCJSqlParserUtil.parse(sql, parser -> parser.withTimeOut(TIMEOUT_MILLIS));
            long middle = System.nanoTime();
            CCJSqlParserUtil.parse(sql, thread, parser -> parser.withTimeOut(TIMEOUT_MILLIS));
            long end = System.nanoTime();
            if (round == 1) {
              asTheNode.recordValue(Math.max(1, (middle - start) / 1000));
              reused.recordValue(Math.max(1, (end - middle) / 1000));
            }
          }
        }
      }
    } finally {
      thread.shutdownNow();
    }
    return new Result(asTheNode.getValueAtPercentile(50), reused.getValueAtPercentile(50));
  }
}
