/**
 * Reports on a history for people and for other tools: an EDN export and a timeline plot. Both
 * read the checker's JSON-lines history format (see {@link meridian.checker}) one line at a time,
 * and neither judges the history: checking is the job of {@link
 * meridian.checker.LinearizabilityChecker}.
 *
 * <h2>EDN export ({@link meridian.checker.report.EdnExport})</h2>
 *
 * <p><b>Guarantee.</b> Every non-blank line becomes one line holding one EDN map, in the same
 * order, for Jepsen's tools: {@code {:index 0, :time 123456, :type :invoke, :process 3, :f :read,
 * :value [5 nil]}}. {@code :index} counts non-blank lines from 0 (an {@code index} field in the
 * input is replaced); {@code :time} is copied when present; {@code :type} is a keyword. A numeric
 * process stays a number; a named one ({@code "nemesis"}) is a keyword. {@code :f} is a keyword.
 * An event with a non-null {@code key} has {@code :value [key value]}, the tuple Jepsen's
 * independent-keys checker splits on; otherwise the value as is ({@code nil} when absent). Fields
 * the format does not name ({@code error}) follow, converted like values.
 *
 * <p>Values: JSON lists are vectors, objects are maps, null is {@code nil}, integers are integers
 * ({@code N}-suffixed past a long), other numbers are doubles. An object key is a keyword when it
 * can be read back as one (ASCII letters, digits and {@code *+!-_?$%&=<>.#'}, not starting with a
 * digit), else an integer when it is one in canonical form ({@code {"0": 100}} is {@code {0
 * 100}}, a bank read), else a string. A transaction, a list of lists each headed by a name, has
 * those names as keywords: {@code [["append",3,7],["r",4,[1,2]]]} is {@code [[:append 3 7] [:r 4
 * [1 2]]]}. Any other string stays a string, escaped so that the map fits one line (quote,
 * backslash, tab, CR and LF as EDN escapes them; other control characters and unpaired surrogates
 * as four-hex-digit unicode escapes).
 *
 * <p><b>Limits.</b> Memory is constant in the length of the history: one line at a time, each at
 * most {@link meridian.checker.HistoryParser#LINE_CHARS_MAX} chars. A line that is not a JSON
 * object, or lacks {@code process} (integer or string), {@code type} or {@code f}, or has a
 * non-integer {@code time}, is a {@link meridian.checker.MalformedHistoryException} naming the
 * line; the lines before it have been written. The export does not pair invokes with
 * completions, so it accepts histories the checker would reject.
 *
 * <p>Keys never collide: a keyword, a canonical integer and a string that is neither are three
 * disjoint forms, so distinct JSON keys of one object stay distinct ({@code "007"} stays a string
 * because {@code 7} could be another key).
 *
 * <p>HAZARD: only names the format knows are keywords. A string inside a value ({@code "read"},
 * {@code ":timed-out"}) stays a string, and so does a micro-operation name that cannot be a keyword
 * (then the whole transaction keeps its strings). A Jepsen model or checker that compares against
 * keywords there sees no match: convert before checking, or write those values as keywords'
 * names in the history.
 *
 * <h2>Timeline plot ({@link meridian.checker.report.TimelinePlot})</h2>
 *
 * <p><b>Guarantee.</b> A standalone SVG 1.1 document, well-formed XML with no scripts and no
 * external references, with two panels sharing a time axis in seconds since the run's start:
 *
 * <ul>
 *   <li>Latency: a dot per drawn operation at (invoke time, latency in ms on a log scale of whole
 *       decades), green for {@code ok}, red-orange for {@code fail}, grey for {@code info}; an
 *       operation never completed is a hollow grey dot on the panel's top edge. With at most six
 *       kinds of {@code f} each has its own shape (circle, square, triangles, diamond, plus) named
 *       in the legend. A zero latency is drawn at 1 µs.
 *   <li>Throughput: completed operations per second per outcome, as step lines over buckets of
 *       completion time: 1 s, finer (down to 1 ms) when that gives fewer than 30 buckets, coarser
 *       when it gives 2,000 or more.
 *   <li>Faults: a note is any event from a named process ({@code "nemesis"}, {@code "setup"}) that
 *       is not an invoke. {@code start-X} opens a translucent band labelled {@code X} across both
 *       panels and the next {@code stop-X} closes it; a start with no stop runs to the last event;
 *       a second start while X is open is ignored (the fault is already in effect). Any other note,
 *       a stop with no start included, is a dashed vertical line labelled with its {@code f}. The
 *       note's value is the mark's tooltip.
 * </ul>
 *
 * <p>The caption gives the counts per outcome and of faults, and how many dots were drawn; the
 * throughput axis names the bucket width. An empty history (no client operations) gives a document
 * that says "no operations".
 *
 * <p><b>Limits.</b> At most {@link meridian.checker.report.TimelinePlot#DOTS_MAX} dots: beyond it
 * an outcome with at most a tenth of that many operations is drawn whole and the others are thinned
 * to about one in k, chosen by a hash of the operation's index (deterministic, and blind to a
 * workload's cycles, which taking every k-th operation is not); the caption says so. Throughput
 * always counts every operation. At most 5,000 fault marks (the caption counts the rest). A
 * 10^6-operation history gives a file of about 1 MB. Reading holds about 18 bytes per operation,
 * and a history of more than {@link meridian.checker.HistoryParser#EVENTS_MAX} events is refused.
 * Pairing is the checker's ({@link meridian.checker.HistoryParser}): a second invoke while one is
 * in flight, or an {@code ok}/{@code fail} with nothing in flight, is malformed; so is an event
 * without {@code time}.
 *
 * <p>HAZARD: the plot trusts {@code time}. Times from different machines' clocks, or a time that
 * is not nanoseconds since the run's start, misplace operations against faults; latency is
 * completion time minus invoke time of one process and does not depend on clocks agreeing.
 */
package meridian.checker.report;
