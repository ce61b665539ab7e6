/**
 * {@code meridian sql}: the SQL shell. It talks to Meridian only through JDBC ({@link
 * java.sql.DriverManager} with a {@code jdbc:meridian://host:port,...} URL), so it sees exactly
 * what any application sees, and it depends on no class of the driver.
 *
 * <h2>Modes</h2>
 * <ul>
 *   <li>Interactive ({@link meridian.server.shell.InteractiveShell}): stdin is a terminal and there
 *       is neither {@code -e} nor {@code -f}. jline line editing, bounded history in {@code
 *       ~/.meridian_sql_history} (created readable by its owner only), statements over several
 *       lines (prompt {@code meridian> }, then {@code       -> }), {@code [txn]} in the prompt
 *       while a transaction the shell began is open, backslash commands ({@link
 *       meridian.server.shell.BackslashCommands}). Errors are printed and the shell goes on.
 *   <li>Script ({@link meridian.server.shell.ScriptRunner}): {@code -e}, {@code -f} or piped
 *       stdin. Statements run in order, each as soon as it has been read; the first failure stops
 *       the run with exit code 1 and {@code ERROR <sqlstate>: <message>} on stderr (prefixed by
 *       {@code FILE:LINE:} for a file or stdin). Exit 2 when the connection cannot be made or is
 *       lost (SQLState class 08), 0 when every statement succeeded.
 * </ul>
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Statements are cut at {@code ;} outside strings, quoted identifiers and comments ({@link
 *       meridian.server.shell.StatementSplitter}); each is sent alone, as typed, without its
 *       {@code ;}, in one {@link java.sql.Statement#execute}. The shell never rewrites SQL and
 *       never sends a statement twice (retries of aborted transactions are the driver's, under
 *       the driver's rules).
 *   <li>A script stops at the first failure, so later statements (a COMMIT after a failed
 *       UPDATE) never run; in interactive mode the rest of that input is skipped likewise.
 *   <li>Every row the server returns is printed; table format cuts values wider than {@link
 *       meridian.server.shell.TableFormatter#CELL_WIDTH_MAX} columns (ending them with {@code
 *       ...}), csv and tsv print them whole. NULL shows as {@code NULL} in tables, as an empty
 *       field in csv (an empty string is {@code ""}) and as {@code \N} in tsv.
 * </ul>
 *
 * <h2>Limits</h2>
 * A statement is at most {@link meridian.server.shell.StatementSplitter#STATEMENT_CHARS_MAX}
 * characters (1 MiB); input is read in chunks of {@link
 * meridian.server.shell.ScriptRunner#CHUNK_CHARS}; a table aligns at most {@link
 * meridian.server.shell.ResultPrinter#TABLE_BATCH_ROWS} rows at a time (a longer result prints as
 * several tables); history keeps {@link meridian.server.shell.InteractiveShell#HISTORY_ENTRIES_MAX}
 * entries. The server bounds the rows of a result.
 *
 * <h2>HAZARD</h2>
 * The {@code [txn]} mark is inferred from the statements the shell sent (BEGIN opens, COMMIT and
 * ROLLBACK close), not asked of the server: a transaction the server ends on its own still shows as
 * open, and one begun some other way does not show. It is a reminder, never a reason to skip a
 * COMMIT. The splitter does not nest block comments, like the server's parser; a server that
 * nested them would see a statement cut where this shell cut it.
 */
package meridian.server.shell;
