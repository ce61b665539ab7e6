/**
 * Reports on a history for other tools: an EDN export. It reads the checker's JSON-lines history
 * format (see {@link meridian.checker}) one line at a time, and does not judge the history:
 * checking is the job of {@link meridian.checker.LinearizabilityChecker}.
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
 */
package meridian.checker.report;
