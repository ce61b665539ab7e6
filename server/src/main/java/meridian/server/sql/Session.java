package meridian.server.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import meridian.proto.v1.TimestampBound;
import meridian.server.sql.expr.Evaluator;
import meridian.server.txn.Transactions;
import meridian.server.txn.TxnDriver;
import meridian.storage.Version;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.update.Update;

/**
 * One client's session: its settings and its explicit transaction, if any. Statements run one at
 * a time (the methods are synchronized: a session is one client's conversation).
 */
final class Session {
  /** Attempts of an autocommit write aborted by conflicts before the client hears 40001. */
  static final int AUTOCOMMIT_ATTEMPTS_MAX = 10;

  private final Engine engine;
  private volatile long lastUsedNanos = System.nanoTime();
  private boolean readOnly;
  private TimestampBound staleness = TimestampBound.newBuilder().setStrong(true).build();
  private Boolean nextTransactionReadOnly;
  private Txn txn;
  private long lastReadMicros;
  private long lastCommitMicros;

  /** The explicit transaction: read-write (a driver) or read-only (a timestamp). */
  private static final class Txn {
    String handle;
    TxnDriver driver;
    long readMicros;
    Catalog catalog;
    final Map<Long, TableDef> written = new LinkedHashMap<>();
    boolean failed;

    boolean readOnly() {
      return driver == null;
    }
  }

  Session(Engine engine) {
    this.engine = engine;
  }

  long lastUsedNanos() {
    return lastUsedNanos;
  }

  boolean inTransaction() {
    return txn != null;
  }

  synchronized Result execute(String sql, List<Object> parameters, Await.Deadline deadline) {
    lastUsedNanos = System.nanoTime();
    String text = trim(sql);
    if (text.isEmpty()) {
      throw new SqlError(SqlError.SYNTAX, "empty statement");
    }
    SessionStatements.Recognized special = SessionStatements.recognize(text);
    if (special != null) {
      return session(special, parameters, deadline);
    }
    return run(parse(text), parameters, deadline, false);
  }

  static String trim(String sql) {
    if (sql.length() > Limits.STATEMENT_CHARS_MAX) {
      throw new SqlError(SqlError.PROGRAM_LIMIT, "statement of " + sql.length() + " characters exceeds " + Limits.STATEMENT_CHARS_MAX);
    }
    String t = sql.strip();
    while (t.endsWith(";")) {
      t = t.substring(0, t.length() - 1).strip();
    }
    return t;
  }

  static Statement parse(String text) {
    try {
      return CCJSqlParserUtil.parse(text, parser -> parser.withTimeOut(10_000));
    } catch (JSQLParserException e) {
      throw new SqlError(SqlError.SYNTAX, "syntax error: " + syntaxMessage(e));
    } catch (RuntimeException e) {
      throw new SqlError(SqlError.SYNTAX, "syntax error: " + e.getMessage());
    }
  }

  /** The parser's message in one line: where, and what it found. */
  private static String syntaxMessage(JSQLParserException e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    String m = String.valueOf(cause.getMessage());
    String[] lines = m.split("\\R");
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      String l = line.strip();
      if (l.startsWith("Was expecting")) {
        break;
      }
      if (!l.isEmpty()) {
        out.append(out.length() == 0 ? "" : " ").append(l);
      }
    }
    String s = out.toString();
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  private Result session(SessionStatements.Recognized s, List<Object> parameters, Await.Deadline deadline) {
    return switch (s) {
      case SessionStatements.Begin b -> begin(b.readOnly() != null ? b.readOnly() : nextTransactionReadOnly != null ? nextTransactionReadOnly : readOnly, deadline);
      case SessionStatements.Commit c -> commit(deadline);
      case SessionStatements.Rollback r -> {
        rollback();
        yield Result.done("rolled back");
      }
      case SessionStatements.SetTransaction st -> {
        if (txn != null && !txn.readOnly() && st.readOnly()) {
          throw new SqlError(SqlError.INVALID_TRANSACTION_STATE, "the transaction is already read-write; SET TRANSACTION goes before its first statement");
        }
        nextTransactionReadOnly = st.readOnly();
        yield Result.done("next transaction is read-" + (st.readOnly() ? "only" : "write"));
      }
      case SessionStatements.SetReadOnly ro -> {
        readOnly = ro.readOnly();
        yield Result.done("read_only = " + readOnly);
      }
      case SessionStatements.SetStaleness st -> {
        staleness = Staleness.parse(st.value());
        yield Result.done("read_only_staleness = " + st.value());
      }
      case SessionStatements.ShowVariable v -> showVariable(v.name());
      case SessionStatements.ShowTables t -> run(parse("SELECT table_name FROM information_schema.tables ORDER BY table_name"), List.of(), deadline, false);
      case SessionStatements.SplitAt split -> {
        requireNoTransaction("ALTER TABLE ... SPLIT AT");
        List<List<Object>> points = new ArrayList<>();
        Insert values = (Insert) parse("INSERT INTO x VALUES " + split.valuesList());
        Evaluator ev = evaluator(parameters);
        for (var row : Dml.valueRows(values.getValues().getExpressions())) {
          List<Object> point = new ArrayList<>();
          row.forEach(e -> point.add(ev.eval(e, new Relation(List.of(), List.of()).scope(new Object[0]))));
          points.add(point);
        }
        Catalog catalog = Catalog.load(engine.snapshots(), 0, deadline);
        yield new Ddl(engine.transactions(), engine.splitter(), deadline).splitAt(catalog, split.table(), points);
      }
      case SessionStatements.Explain e -> explain(parse(trim(e.statement())), parameters, deadline);
      case SessionStatements.Upsert u -> run(parse(u.insert()), parameters, deadline, true);
    };
  }

  private Result showVariable(String name) {
    Object value = switch (name) {
      case "READ_TIMESTAMP" -> lastReadMicros == 0 ? null : SqlKeys.instant(lastReadMicros);
      case "COMMIT_TIMESTAMP" -> lastCommitMicros == 0 ? null : SqlKeys.instant(lastCommitMicros);
      case "READ_ONLY" -> readOnly;
      case "READ_ONLY_STALENESS" -> staleness.toString().strip().replace('\n', ' ');
      default -> throw new SqlError(SqlError.UNDEFINED_OBJECT, "unknown variable " + name
          + " (READ_TIMESTAMP, COMMIT_TIMESTAMP, READ_ONLY, READ_ONLY_STALENESS)");
    };
    Type type = value == null ? Type.TIMESTAMP : Type.of(value);
    return Result.query(List.of(new Relation.Col(null, name.toLowerCase(java.util.Locale.ROOT), type, true, "")), List.<Object[]>of(new Object[] {value}));
  }

  private Result begin(boolean readOnlyTxn, Await.Deadline deadline) {
    if (txn != null) {
      throw new SqlError(SqlError.INVALID_TRANSACTION_STATE, "a transaction is already open; COMMIT or ROLLBACK it first");
    }
    nextTransactionReadOnly = null;
    Txn t = new Txn();
    if (readOnlyTxn) {
      t.readMicros = timestamp(staleness, deadline);
      t.catalog = Catalog.load(engine.snapshots(), t.readMicros, deadline);
      lastReadMicros = t.readMicros;
    } else {
      t.handle = engine.transactions().beginReadWrite(Optional.empty());
      t.driver = ((Transactions.ReadWrite) engine.transactions().get(t.handle)).driver();
    }
    txn = t;
    return Result.done("transaction started (read-" + (readOnlyTxn ? "only" : "write") + ")");
  }

  private Result commit(Await.Deadline deadline) {
    if (txn == null) {
      return Result.done("no transaction is open");
    }
    Txn t = txn;
    txn = null;
    if (t.readOnly()) {
      return Result.done("committed (read-only)");
    }
    try {
      if (t.failed) {
        throw new SqlError(SqlError.SERIALIZATION_FAILURE, "the transaction failed earlier and was rolled back");
      }
      long commitMicros = commitChecked(t.driver, t.written, deadline);
      lastCommitMicros = commitMicros;
      return Result.done("committed").withCommitMicros(commitMicros);
    } finally {
      engine.transactions().end(t.handle);
    }
  }

  void rollback() {
    if (txn != null && txn.driver != null) {
      engine.transactions().end(txn.handle);
    }
    txn = null;
  }

  /**
   * Commits after checking, under shared locks on their catalog entries, that the rows written
   * are still right under the written tables' current schemas (a change that added a column or an
   * index since the statements planned aborts the transaction: package docs, "Schema changes").
   */
  private static long commitChecked(TxnDriver driver, Map<Long, TableDef> written, Await.Deadline deadline) {
    if (!written.isEmpty()) {
      List<byte[]> keys = written.keySet().stream().map(SqlKeys::catalogKey).toList();
      Map<Long, TableDef> current = new LinkedHashMap<>();
      for (Version v : Await.get(driver.read(keys), deadline, "checking the schema")) {
        TableDef def = CatalogCodec.decode(v.value());
        current.put(def.id(), def);
      }
      written.forEach((id, planned) -> {
        TableDef now = current.get(id);
        if (now == null || !planned.writesValidUnder(now)) {
          throw new SqlError(SqlError.SERIALIZATION_FAILURE, "table " + planned.name() + " was "
              + (now == null ? "dropped" : "given a new column or index") + " while this transaction wrote it; retry it");
        }
      });
    }
    return Await.commit(driver.commit(), deadline).commitMicros();
  }

  private void requireNoTransaction(String what) {
    if (txn != null) {
      throw new SqlError("25001", what + " runs outside transactions; COMMIT or ROLLBACK first");
    }
  }

  private Result run(Statement statement, List<Object> parameters, Await.Deadline deadline, boolean upsert) {
    if (parameters.size() > Limits.PARAMETERS_MAX) {
      throw new SqlError(SqlError.PROGRAM_LIMIT, "at most " + Limits.PARAMETERS_MAX + " parameters");
    }
    int wanted = placeholders(statement.toString());
    if (parameters.size() < wanted) {
      throw new SqlError("07001", "no value for parameter " + (parameters.size() + 1) + " (the statement has " + wanted + ")");
    }
    Evaluator ev = evaluator(parameters);
    return switch (statement) {
      case Select select -> query(select, ev, deadline);
      case Insert ins -> write(deadline, (dml) -> dml.insert(ins, upsert), ev);
      case Update up -> write(deadline, (dml) -> dml.update(up), ev);
      case Delete del -> write(deadline, (dml) -> dml.delete(del), ev);
      case CreateTable ct -> {
        requireNoTransaction("CREATE TABLE");
        yield ddl(deadline).createTable(ct);
      }
      case CreateIndex ci -> {
        requireNoTransaction("CREATE INDEX");
        yield ddl(deadline).createIndex(ci);
      }
      case Drop d -> {
        requireNoTransaction("DROP");
        yield ddl(deadline).drop(d);
      }
      case Alter a -> {
        requireNoTransaction("ALTER TABLE");
        yield ddl(deadline).alter(a, ev);
      }
      default -> throw new SqlError(SqlError.FEATURE_NOT_SUPPORTED,
          "statement not supported: " + statement.getClass().getSimpleName().replaceAll("Statement$", "").toUpperCase(java.util.Locale.ROOT));
    };
  }

  /** The {@code ?} placeholders of a statement, outside string literals and quoted names. */
  static int placeholders(String sql) {
    int count = 0;
    char quote = 0;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"' || c == '`') {
        quote = c;
      } else if (c == '?') {
        count++;
      }
    }
    return count;
  }

  /** CURRENT_TIMESTAMP and NOW() read TrueTime (its latest bound), not the machine's clock. */
  private Evaluator evaluator(List<Object> parameters) {
    return new Evaluator(parameters, SqlKeys.instant(engine.trueTime().now().latestMicros()));
  }

  private Ddl ddl(Await.Deadline deadline) {
    return new Ddl(engine.transactions(), engine.splitter(), deadline);
  }

  private Result query(Select select, Evaluator ev, Await.Deadline deadline) {
    if (txn != null) {
      checkUsable();
      if (txn.readOnly()) {
        Query q = new Query(txn.catalog, new SnapshotAccess(engine.snapshots(), txn.readMicros, deadline), ev);
        return q.run(select).withReadMicros(txn.readMicros);
      }
      return inTxn(() -> new Query(Catalog.load(engine.snapshots(), 0, deadline), new TxnAccess(txn.driver, deadline), ev).run(select));
    }
    long ts = timestamp(staleness, deadline);
    lastReadMicros = ts;
    Catalog catalog = Catalog.load(engine.snapshots(), ts, deadline);
    return new Query(catalog, new SnapshotAccess(engine.snapshots(), ts, deadline), ev).run(select).withReadMicros(ts);
  }

  private long timestamp(TimestampBound bound, Await.Deadline deadline) {
    long ts = Await.get(engine.snapshots().timestamp(bound, engine.snapshots().allGroups()), deadline, "choosing a read timestamp");
    return ts == 0 ? engine.trueTime().now().latestMicros() : ts;
  }

  private interface DmlWork {
    Result apply(Dml dml);
  }

  private Result write(Await.Deadline deadline, DmlWork work, Evaluator ev) {
    if (txn != null) {
      checkUsable();
      if (txn.readOnly()) {
        throw SnapshotAccess.readOnlyError();
      }
      return inTxn(() -> {
        StatementAccess access = new StatementAccess(new TxnAccess(txn.driver, deadline));
        Map<Long, TableDef> written = new LinkedHashMap<>(txn.written);
        Result r = work.apply(new Dml(Catalog.load(engine.snapshots(), 0, deadline), access, ev, written));
        access.flush();
        txn.written.putAll(written);
        return r;
      });
    }
    if (readOnly) {
      throw new SqlError(SqlError.READ_ONLY_TRANSACTION, "the session is read-only (SET READ_ONLY = FALSE to write)");
    }
    Optional<meridian.txn.TxnId> previous = Optional.empty();
    for (int attempt = 1; ; attempt++) {
      // Registered like a client's transaction, so its leaders hear heartbeats while a long
      // statement runs; ended (a no-op after commit) whatever happens.
      String handle = engine.transactions().beginReadWrite(previous);
      TxnDriver driver = ((Transactions.ReadWrite) engine.transactions().get(handle)).driver();
      previous = Optional.of(driver.id());
      try {
        Map<Long, TableDef> written = new LinkedHashMap<>();
        StatementAccess access = new StatementAccess(new TxnAccess(driver, deadline));
        Result r = work.apply(new Dml(Catalog.load(engine.snapshots(), 0, deadline), access, ev, written));
        access.flush();
        long commitMicros = commitChecked(driver, written, deadline);
        lastCommitMicros = commitMicros;
        return r.withCommitMicros(commitMicros);
      } catch (SqlError e) {
        if (!e.sqlState().equals(SqlError.SERIALIZATION_FAILURE) || attempt >= AUTOCOMMIT_ATTEMPTS_MAX) {
          throw e;
        }
      } finally {
        engine.transactions().end(handle);
      }
    }
  }

  /** Runs a statement in the explicit read-write transaction; an abort ends the transaction. */
  private Result inTxn(java.util.function.Supplier<Result> work) {
    try {
      return work.get();
    } catch (SqlError e) {
      if (e.sqlState().equals(SqlError.SERIALIZATION_FAILURE) || e.sqlState().equals(SqlError.OUTCOME_UNKNOWN)) {
        txn.failed = true;
      }
      throw e;
    }
  }

  private void checkUsable() {
    if (txn.failed) {
      throw new SqlError(SqlError.IN_FAILED_TRANSACTION, "the transaction was aborted; ROLLBACK and retry it");
    }
  }

  private Result explain(Statement statement, List<Object> parameters, Await.Deadline deadline) {
    Evaluator ev = evaluator(parameters);
    Catalog catalog = txn != null && txn.readOnly() ? txn.catalog : Catalog.load(engine.snapshots(), 0, deadline);
    List<String> lines = Explain.describe(statement, catalog, ev);
    List<Object[]> rows = lines.stream().map(l -> new Object[] {l}).toList();
    return Result.query(List.of(new Relation.Col(null, "plan", Type.STRING, false, "")), rows);
  }

  synchronized void close() {
    rollback();
  }
}
