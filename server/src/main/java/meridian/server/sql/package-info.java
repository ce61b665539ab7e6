/**
 * SQL: the node that receives a statement parses, plans and runs it inside Meridian transactions
 * that it drives for the client's session.
 *
 * <h2>Parser</h2>
 * Statements are parsed by JSqlParser (com.github.jsqlparser), a maintained parser with a plain
 * AST of Java classes, position-carrying syntax errors and DDL support, and without a planner or
 * runtime of its own (Calcite's parser brings a whole query engine we would not use). A few
 * statements that no standard grammar has are recognized before it, by their leading keywords
 * ({@link meridian.server.sql.SessionStatements}): BEGIN, SET TRANSACTION, SET
 * READ_ONLY_STALENESS, SHOW VARIABLE, SHOW TABLES, {@code ALTER TABLE t SPLIT AT VALUES}, and
 * {@code INSERT OR UPDATE} (rewritten to an INSERT with an upsert flag).
 *
 * <h2>Data layout</h2>
 * <ul>
 *   <li>A row of table {@code t} lives at {@code SQL_PREFIX | tableId | 0 | pk columns} (the
 *       storage module's order-preserving key encoding, {@link meridian.storage.keys}), so a range
 *       of primary keys is a range of storage keys. The value holds the other columns by column
 *       id ({@link meridian.server.sql.RowCodec}); ids are never reused, so a dropped column's
 *       leftovers are ignored and an added column reads as NULL in older rows.
 *   <li>An index entry of a non-unique index lives at {@code ... | indexId | index columns | pk
 *       columns} with an empty value; of a unique index at {@code ... | indexId | index columns}
 *       with the primary key as value (with the pk in the key too when an index column is NULL:
 *       NULLs are never equal).
 *   <li>The catalog lives in group 1 under reserved keys ({@code \0\0meridian/sql/table/<id>}),
 *       one key per table, so it is read with snapshot reads and changed by transactions.
 * </ul>
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Every statement runs in one Meridian transaction (autocommit) or in the session's
 *       explicit one: read-write transactions are strictly serializable (two-phase locking,
 *       two-phase commit, commit wait); read-only ones read at one timestamp without locks.
 *   <li>Index entries are written in the same transaction as their rows, so an index never
 *       disagrees with its table at any timestamp once it is public.
 *   <li>A failed statement leaves nothing behind: its writes are buffered until commit, and an
 *       autocommit statement that fails is rolled back. In an explicit transaction, a statement
 *       that fails after buffering writes makes the transaction unusable (25P02) until ROLLBACK.
 *   <li>An autocommit write aborted by a conflict is retried whole, up to {@link
 *       meridian.server.sql.Session#AUTOCOMMIT_ATTEMPTS_MAX} times; a commit whose outcome is
 *       unknown is never retried (40003).
 * </ul>
 *
 * <h2>Queries</h2>
 * A table is read by the narrowest path its WHERE conjuncts allow: a point lookup or IN list on the
 * whole primary key, a range of a primary-key prefix, a public index's entries (then the rows they
 * point at), or the whole table; the full WHERE is applied afterwards whatever the path. A join
 * whose ON fixes the inner table's whole primary key reads only the inner rows it names (batched
 * point lookups); other joins are nested loops over the inner table read whole. Everything else
 * (grouping, ordering, DISTINCT, limits) runs in memory over at most {@link
 * meridian.server.sql.Limits#ROWS_MAX} rows. EXPLAIN shows the paths.
 *
 * <h2>Schema changes (paper 4.2.3)</h2>
 * A schema change is a transaction that writes a table's catalog entry, so it takes effect at its
 * commit timestamp: a read at {@code t} plans with the catalog read at {@code t}, never a newer or
 * older one. Reads are never blocked. A write transaction, at commit, reads the catalog entries
 * of the tables it wrote under shared locks and checks that its rows are still right under their
 * current schemas: it aborts with 40001 (retry) only if a column or an index was added since its
 * statements planned (the new index would miss its entries; a rewritten row would lose the new
 * column's value). Dropping a column or an index, making an index public and changes to other
 * tables let it commit. The shared lock is held only through the commit, so a schema
 * change waits at most for commits in flight, never for open transactions. CREATE INDEX first
 * publishes the index as write-only (every commit after that maintains it), backfills it in
 * bounded batches of transactions, then makes it public (readable by plans).
 *
 * <h2>Limits</h2>
 * Statements at most {@link meridian.server.sql.Limits#STATEMENT_CHARS_MAX} characters; rows a
 * statement may read or return at most {@link meridian.server.sql.Limits#ROWS_MAX} (54000 past
 * that: use a narrower WHERE or a LIMIT); open sessions per node at most {@link
 * meridian.server.sql.Limits#SESSIONS_MAX}.
 *
 * <h2>HAZARD</h2>
 * The catalog check at commit relies on the transaction layer's guarantee that a shared lock held
 * through commit orders the writer's commit timestamp below any later schema change's. If locks
 * were released before commit wait ends, a write could commit at a timestamp above a schema change
 * it did not see, and an index would miss its rows.
 */
package meridian.server.sql;
