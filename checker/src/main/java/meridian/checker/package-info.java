/**
 * Histories and consistency checkers for Meridian's Jepsen-style suite. Pure Java: no gRPC, no
 * RocksDB, no clocks other than the injected one that bounds a check's running time.
 *
 * <h2>Histories</h2>
 *
 * <p>A history is a sequence of events in real-time order, one JSON object per line ({@link
 * meridian.checker.HistoryParser}): {@code {"process": 0, "type": "invoke", "f": "read", "key":
 * "r", "value": null, "time": 1}}. The parser pairs each {@code invoke} with the next completion
 * of the same process into an {@link meridian.checker.Operation} whose {@link
 * meridian.checker.Outcome} is
 *
 * <ul>
 *   <li>{@code OK}: took effect exactly once, at some instant between its invoke and its completion;
 *   <li>{@code FAIL}: did not take effect;
 *   <li>{@code INDETERMINATE} ({@code info}, or an invoke never completed): took effect at some
 *       instant after its invoke, or never.
 * </ul>
 *
 * <p>Values are {@link meridian.checker.Value}s, a small immutable JSON tree with structural
 * equality (so {@code 3} and {@code 3.0} are the same number), so later workloads (transactions
 * whose value is a list of micro-operations) fit without changing the model. An operation's value
 * is what its {@code ok} completion carries (a read's result) and otherwise what its invoke carried
 * (a {@code fail} or {@code info} completion says nothing about the value: Jepsen puts
 * {@code :timed-out} there). The key may be absent (a single-register history) or any JSON value.
 *
 * <p>Malformed input is a {@link meridian.checker.MalformedHistoryException} naming the line: bad
 * JSON, a missing or ill-typed field, a second invoke while the process has one in flight, an
 * {@code ok}/{@code fail} with nothing in flight, or a completion whose {@code f} or key differs
 * from its invoke's. An {@code info} event with nothing in flight is a nemesis-style note: it is
 * counted and otherwise ignored.
 *
 * <h2>Linearizability ({@link meridian.checker.LinearizabilityChecker})</h2>
 *
 * <p><b>Guarantee.</b> {@code valid: true} means there is a total order of the history's
 * operations, per key, that (1) respects real time: if A completed before B was invoked, A comes
 * first; (2) contains every {@code OK} operation, no {@code FAIL} operation, and any subset of the
 * {@code INDETERMINATE} ones; and (3) is a legal sequential run of the {@link
 * meridian.checker.Model} (for {@link meridian.checker.RegisterModel}: read returns the last value
 * written, {@code null} before any write; write sets it; {@code cas [expected, new]} sets it to
 * {@code new} only if it holds {@code expected}). {@code valid: false} means the search proved no
 * such order exists. The check is exact, not sampled: neither answer is a heuristic.
 *
 * <p><b>Method.</b> Linearizability is P-compositional (Herlihy and Wing): a history is
 * linearizable iff each key's sub-history is, so keys are split apart and searched independently on
 * a bounded pool ({@link meridian.checker.CheckerConfig#parallelismMax()}). Each key is searched by
 * {@link meridian.checker.LinearizabilitySearch}: the Wing and Gong depth-first search with Lowe's
 * refinements, as in Knossos and Porcupine. Calls and returns form a doubly linked list in real-time
 * order; the search linearizes ("lifts") a call that the model accepts, and backtracks when it
 * reaches a return whose call is not yet linearized (that operation cannot be delayed any further).
 * Each configuration reached, (set of linearized operations as a bitset, model state), is memoised,
 * and a configuration seen before is not explored again (Lowe's "just-in-time linearization" with
 * state caching). Indeterminate operations return "at infinity": they never force a backtrack, may
 * be lifted at any point after their call, and the search succeeds as soon as every {@code OK}
 * operation is linearized, which is how "or never" is expressed. {@code FAIL} operations and
 * indeterminate operations that cannot change the state (a timed-out read) are dropped before the
 * search; they constrain nothing.
 *
 * <p><b>Complexity.</b> Linearizability checking is NP-complete (Gibbons and Korach). Per key with
 * {@code n} operations, of which at most {@code c} are concurrent with any point in real time, the
 * memoised search visits at most (number of downward-closed sets of the real-time order) times
 * (number of distinct model states) configurations; with bounded concurrency that is {@code
 * O(n * 2^c * |states|)} configurations, each costing {@code O(n / 64)} to hash. Every indeterminate
 * operation stays concurrent with everything after its invoke, so each one can double the work:
 * histories with many timed-out writes are the expensive ones.
 *
 * <p><b>Limits.</b> Work is bounded by {@link meridian.checker.CheckerConfig#searchStatesMax()}
 * (memoised configurations per key) and by {@link meridian.checker.CheckerConfig#timeLimit()} for
 * the whole history, measured on an injected clock. When either is exceeded the key, and so the
 * history unless another key is invalid, is {@code unknown}: never reported as valid or invalid. An
 * invalid key is reported as soon as it is proven invalid, whatever the other keys say.
 *
 * <p><b>Anomalies.</b> For an invalid key the checker reports the deepest partial linearization
 * the search reached (its length and last operations, and the model state after it), the operation
 * whose completion could not be passed (every order that respects real time must place it, and none
 * of the orders extending the deepest partial linearization can), and the operations that were
 * candidates at that point with the model's reason for refusing each. Operations are identified by
 * their index in the history (order of invoke), process, line numbers and times. The deepest partial
 * linearization is a witness, not the unique culprit: another search order could have stopped
 * elsewhere.
 *
 * <p>HAZARD: the checker trusts the history. Completion order must be real-time order: an event
 * logged after the fact, or a client that reuses a process id while an operation is in flight
 * (rejected as malformed), or a value that is not unique per write (legal, but slower and weaker at
 * localising anomalies), changes what is being checked. A process whose operation ended {@code info}
 * may be reused (Jepsen gives it a new id; both are accepted).
 *
 * <p>HAZARD: a {@code FAIL} must really mean "did not take effect". A client that reports a timeout
 * as {@code fail} hides lost or duplicated writes from the checker; report it as {@code info}.
 *
 * <h2>Output</h2>
 *
 * <p>{@link meridian.checker.Verdict} renders as {@code {"valid": true|false|"unknown", "anomalies":
 * [...], "counts": {...}, "keys": [...]}} ({@link meridian.checker.VerdictJson}); {@link
 * meridian.checker.CheckHistory} is the command-line entry point.
 */
package meridian.checker;
