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
 * from its invoke's. An {@code info} event with nothing in flight is a note (a nemesis's fault, a
 * setup step): it is not an operation, and {@link meridian.checker.History#notes()} keeps it for the
 * checkers that need one (the bank's {@code init}).
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
 * <h2>The other workloads ({@link meridian.checker.Checkers})</h2>
 *
 * <p>Four more checkers, one per workload of the suite, each a single pass or a graph search that
 * is polynomial in the history, so none needs the search budget. Each returns a {@link
 * meridian.checker.CheckResult}: {@code VALID} when none of the listed anomalies is present, {@code
 * INVALID} with one {@link meridian.checker.Finding} per anomaly found (its type, a message, and the
 * operations that show it), and {@code UNKNOWN} only when the history observed nothing at all (no
 * read, or no transaction, completed {@code ok}), because "no anomaly" would then prove nothing, or
 * when a list-append graph outgrows {@link meridian.checker.DependencyGraph#EDGES_MAX} edges. An
 * operation the workload cannot interpret (an unknown {@code f}, an ill-shaped value, a
 * value added or appended twice) is a {@link meridian.checker.MalformedHistoryException} naming the
 * line, as for the register. {@code n} below is the number of operations, {@code r} the total size
 * of all read results.
 *
 * <h3>Bank ({@link meridian.checker.BankChecker})</h3>
 *
 * <p>Transfers between {@code accounts} accounts (numbered {@code 0..accounts-1}) keep the sum of
 * the balances at {@code total}; both come from the history's note {@code {"process": "setup",
 * "type": "info", "f": "init", "value": {"accounts": 8, "total": 800}}}, whose absence (or a
 * second one) is a malformed history: a bank history without it cannot be checked. <b>Guarantee.</b>
 * Every {@code ok} read, a snapshot of every balance, names exactly the accounts {@code
 * 0..accounts-1} ({@code missing-account}, {@code unexpected-account}), has no negative balance
 * ({@code negative-balance}) and sums to {@code total} ({@code wrong-total}: the sum of every
 * balance the read shows); one finding per read and kind. A snapshot from a
 * serializable system passes whatever the transfers' outcomes were, so transfers are only counted.
 * <b>Method.</b> One pass, {@code O(n + r)}.
 *
 * <h3>Set ({@link meridian.checker.SetChecker})</h3>
 *
 * <p>{@code add} puts an integer in the set (each element at most once per history); {@code read}
 * returns all of it. The final read is the {@code ok} read that completed last (the runner reads
 * once more after every add and fault has ended). An element is <i>known present</i> from the
 * earlier of its add's {@code ok} completion and the completion of the first read that shows it.
 * <b>Guarantee.</b> Reads are strong, so: an element known present before the final read was
 * invoked is in it ({@code lost}; an {@code info} add that some read showed and the final read lacks
 * is lost too); a read invoked after an element was known present shows it ({@code stale-read}, one
 * finding per element, naming its first stale reads; a lost element is reported only as lost); a
 * read shows only elements whose add was attempted and did not fail ({@code unexpected}); a read
 * shows an element at most once ({@code duplicated}). Not anomalies, only counted: an {@code info}
 * add in the final read ({@code recovered}) or in no read ({@code neverApplied}), and an {@code ok}
 * add that completed after the final read was invoked and is not in it. <b>Method.</b> Reads in
 * order of invoke; for each element, the ascending list of reads that show it; the reads invoked
 * after it was known present are a suffix, so the reads that lack it are found by walking that list
 * against the suffix: {@code O(n log n + r)} time, {@code O(r)} memory.
 *
 * <h3>List-append ({@link meridian.checker.ListAppendChecker})</h3>
 *
 * <p>Transactions ({@code f "txn"}) of micro-operations {@code ["append", k, v]} and {@code ["r", k,
 * [v...]]} over lists of integers; each {@code (k, v)} is appended at most once. <b>Guarantee.</b>
 * {@code valid} means no anomaly of Adya's hierarchy, nor of real-time order, was found in what the
 * reads reveal: the observable part of strict serializability. It is not a proof of it: an order no
 * read reveals (appends never read back) cannot be checked. <b>Method</b>, as Elle's: each key's
 * version order is its longest read (first occurrences), and every read of the key must be a prefix
 * of it ({@code incompatible-order}, one finding per key). Per read: a value twice ({@code
 * duplicate-elements}), a value nobody appended ({@code unknown-value}), a value whose transaction
 * failed ({@code G1a}, one finding per value), a read ending in a value that its writer followed
 * with another append to the key ({@code G1b}), and within one transaction a read that does not
 * show its own earlier appends to the key after whatever it read before ({@code internal}). The
 * graph's nodes are the {@code ok} transactions and the {@code info} ones whose appends some read
 * shows (they committed); its edges: {@code ww} from the writer of each version to the writer of
 * the next, {@code wr} from the writer of a read's last value to the reader, {@code rw} from a
 * reader of a prefix ending at version {@code i} (or empty) to the writer of version {@code i + 1},
 * and {@code realtime} from a transaction to each one invoked after it completed, transitively
 * reduced: on each invoke, edges only from the frontier of completed transactions that no other
 * completed transaction followed in real time. Strongly connected components come from an iterative
 * Tarjan (no recursion: histories hold 10^5 transactions). In each component with a cycle one short
 * cycle is reported, the first found of: {@code ww} edges only ({@code G0}), {@code ww} and {@code
 * wr} ({@code G1c}), one {@code rw} edge closed by a {@code ww}/{@code wr} path ({@code G-single}),
 * any data edges ({@code G2}), then the same four with {@code realtime} edges allowed (suffix {@code
 * -realtime}: a cycle only real time closes, such as a stale read, breaks strict serializability).
 * Each search is a Tarjan over the component's allowed edges and a breadth-first search from a node
 * of a cyclic sub-component back to itself, so the cycle is the shortest through that node; the
 * reported type counts the cycle's edges (an edge of several kinds counts as its weakest, {@code
 * ww}, {@code wr}, {@code rw}, {@code realtime} in that order). <b>Complexity.</b> {@code O(r + n
 * log n)} to infer the version orders and edges, {@code O(n * c)} realtime edges where {@code c} is
 * the frontier's size (about the concurrency), {@code O(V + E)} per search and component; the
 * {@code G-single} search tries at most {@link meridian.checker.CycleSearch#RW_EDGES_TRIED_MAX}
 * {@code rw} edges per component, and past that a single-{@code rw} cycle may be reported by the
 * {@code G2} search under its right name or as {@code G2}. A reported cycle starts at its
 * earliest transaction.
 *
 * <p>For example, T1 appends 1 to key 0 and completes; T2, invoked after that, reads key 0 as
 * {@code []}; T3 reads {@code [1]}. The version order of key 0 is {@code [1]}; T2 read the empty
 * prefix and T1 appended the next version, so {@code rw} T2 to T1, and T1 completed before T2 began,
 * so {@code realtime} T1 to T2: the cycle T1, T2 is {@code G-single-realtime}, a stale read. An
 * intermediate read ({@code G1b}) closes a cycle too ({@code wr} from the writer, {@code rw} back to
 * it, {@code G-single}), reported as well.
 *
 * <p>HAZARD: the checker trusts that a value is appended at most once: a retried append with the
 * same value makes two writers of one version, which is rejected as malformed only when both are in
 * the history.
 *
 * <h3>Monotonic counters ({@link meridian.checker.MonotonicChecker})</h3>
 *
 * <p>Per key, a counter: {@code inc} reads {@code v} and writes {@code v + 1}, returning {@code v +
 * 1}; {@code read} is a strong read and {@code stale-read} a bounded-staleness read ({@code null}
 * reads as 0). <b>Guarantee.</b> Within one process and key: every strong observation ({@code inc}
 * or {@code read}) is at least everything the process observed before, stale reads included, and an
 * {@code inc} is strictly greater ({@code non-monotonic}); stale reads never decrease ({@code
 * stale-read-went-back}; a stale read may be older than an earlier strong one). Across processes: a
 * strong observation invoked after any {@code ok} operation of the key (a stale read included: it
 * returns a committed value) completed with {@code v} is at least {@code v}, and an {@code inc}
 * exceeds it unless {@code v} came from another {@code inc} ({@code real-time-violation}; equal to
 * an earlier inc is reported as the duplicate below, and an operation already {@code
 * non-monotonic} is not reported again). Two {@code ok} incs of a key returning the same value
 * lost an update ({@code duplicate-inc-value}). <b>Method.</b> One pass per process and key, one
 * real-time sweep keeping each key's largest completed value: {@code O(n log n)}.
 *
 * <h3>Results</h3>
 *
 * <p>{@link meridian.checker.Checkers#check(String, meridian.checker.History,
 * meridian.checker.CheckerConfig)} runs any of the five models by name ({@code register},
 * {@code bank}, {@code set}, {@code list-append}, {@code monotonic}); the register's {@link
 * meridian.checker.Verdict} becomes a {@code CheckResult} with one {@code not-linearizable} finding
 * per invalid key ({@link meridian.checker.Verdict#toCheckResult()}). {@link
 * meridian.checker.CheckResultJson} renders it with at most {@link
 * meridian.checker.CheckResultJson#ANOMALIES_MAX} findings and {@link
 * meridian.checker.CheckResultJson#OPERATIONS_MAX} operations per finding, counting what it leaves
 * out.
 *
 * <h2>Output</h2>
 *
 * <p>{@link meridian.checker.Verdict} renders as {@code {"valid": true|false|"unknown", "anomalies":
 * [...], "counts": {...}, "keys": [...]}} ({@link meridian.checker.VerdictJson}), every other
 * model's {@code CheckResult} as {@code {"valid": ..., "model": ..., "anomalyTypes": {...},
 * "anomalies": [...], "truncated": N, "counts": {...}}}; {@link meridian.checker.CheckHistory} is
 * the command-line entry point, printing the register's verdict as it always has and any other
 * model's result.
 */
package meridian.checker;
