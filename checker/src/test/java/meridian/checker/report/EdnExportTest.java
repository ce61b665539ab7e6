package meridian.checker.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import meridian.checker.HistoryParser;
import meridian.checker.MalformedHistoryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdnExportTest {

  /** The EDN line for one JSON line at index 0. */
  private static String edn(String json) throws MalformedHistoryException {
    String out = EdnExport.toEdn(json);
    assertThat(out).endsWith("\n").doesNotContain("\r");
    assertThat(out.lines()).hasSize(1);
    return out.strip();
  }

  @Test
  void keyedReadBecomesAKeyValueTuple() throws Exception {
    assertThat(edn("{\"process\": 3, \"type\": \"invoke\", \"f\": \"read\", \"key\": 5,"
        + " \"value\": null, \"time\": 123456}"))
        .isEqualTo("{:index 0, :time 123456, :type :invoke, :process 3, :f :read,"
            + " :value [5 nil]}");
  }

  @Test
  void unkeyedValuesAndAbsentFields() throws Exception {
    assertThat(edn("{\"process\": 0, \"type\": \"ok\", \"f\": \"write\", \"value\": 7}"))
        .as("no time: none written; no key: the bare value")
        .isEqualTo("{:index 0, :type :ok, :process 0, :f :write, :value 7}");
    assertThat(edn("{\"process\": 0, \"type\": \"invoke\", \"f\": \"read\", \"time\": 1}"))
        .as("no value field").isEqualTo("{:index 0, :time 1, :type :invoke, :process 0,"
            + " :f :read, :value nil}");
    assertThat(edn("{\"process\": 0, \"type\": \"invoke\", \"f\": \"read\", \"key\": null,"
        + " \"value\": 1, \"time\": 1}"))
        .as("a null key is no key").endsWith(":value 1}");
  }

  @Test
  void casAndListsAreVectors() throws Exception {
    assertThat(edn("{\"process\": 1, \"type\": \"invoke\", \"f\": \"cas\", \"key\": \"r\","
        + " \"value\": [4, 1], \"time\": 9}"))
        .endsWith(":f :cas, :value [\"r\" [4 1]]}");
    assertThat(edn("{\"process\": 1, \"type\": \"ok\", \"f\": \"read\", \"key\": [1, \"a\"],"
        + " \"value\": [[], [true, false], 1.5, -2, 12345678901234567890, 1e300], \"time\": 9}"))
        .endsWith(":value [[1 \"a\"] [[] [true false] 1.5 -2 12345678901234567890N 1.0E300]]}");
  }

  @Test
  void transactionMicroOpNamesBecomeKeywords() throws Exception {
    assertThat(edn("{\"process\": 2, \"type\": \"ok\", \"f\": \"txn\", \"value\":"
        + " [[\"append\", 3, 7], [\"r\", 4, [1, 2]], [\"r\", 5, null]], \"time\": 10}"))
        .endsWith(":f :txn, :value [[:append 3 7] [:r 4 [1 2]] [:r 5 nil]]}");
    assertThat(edn("{\"process\": 2, \"type\": \"ok\", \"f\": \"read\", \"value\":"
        + " [[\"a\", 1], [2, 3]], \"time\": 10}"))
        .as("not every element headed by a name: not a transaction, strings stay")
        .endsWith(":value [[\"a\" 1] [2 3]]}");
    assertThat(edn("{\"process\": 2, \"type\": \"ok\", \"f\": \"read\", \"value\":"
        + " [\"append\", 3, 7], \"time\": 10}"))
        .as("a flat list is not a transaction").endsWith(":value [\"append\" 3 7]}");
  }

  @Test
  void objectKeysAreKeywordsIntegersOrStrings() throws Exception {
    assertThat(edn("{\"process\": 0, \"type\": \"ok\", \"f\": \"read\", \"value\":"
        + " {\"0\": 100, \"1\": 93}, \"time\": 5}"))
        .as("a bank read").endsWith(":value {0 100, 1 93}}");
    assertThat(edn("{\"process\": 0, \"type\": \"ok\", \"f\": \"read\", \"value\": {\"balance\":"
        + " 1, \"007\": 2, \"-5\": 3, \"a b\": 4, \"1x\": 5, \"ns/k\": 6, \"ok?\": 7, \"\": 8,"
        + " \"-0\": 9, \"-x\": {\"k\": null}}, \"time\": 5}"))
        .endsWith(":value {:balance 1, \"007\" 2, -5 3, \"a b\" 4, \"1x\" 5, \"ns/k\" 6, :ok? 7,"
            + " \"\" 8, \"-0\" 9, :-x {:k nil}}}");
  }

  @Test
  void stringsAreEscapedAndStayStrings() throws Exception {
    assertThat(edn("{\"process\": 0, \"type\": \"ok\", \"f\": \"write\", \"value\":"
        + " \"say \\\"hi\\\"\\\\ \\n\\t\\r\\u0001 \\u00e9\\ud83d\\ude00 \\ud800\", \"time\": 5}"))
        .endsWith(":value \"say \\\"hi\\\"\\\\ \\n\\t\\r\\u0001 \u00e9\ud83d\ude00 \\ud800\"}");
    assertThat(edn("{\"process\": 0, \"type\": \"ok\", \"f\": \"read\", \"value\": \"read\","
        + " \"time\": 5}"))
        .as("a string value is not a keyword").endsWith(":value \"read\"}");
  }

  @Test
  void nemesisNotesHaveKeywordProcessesAndExtraFieldsFollow() throws Exception {
    assertThat(edn("{\"process\": \"nemesis\", \"type\": \"info\", \"f\": \"start-partition\","
        + " \"value\": \"isolated n2 from n1,n3\", \"time\": 77}"))
        .isEqualTo("{:index 0, :time 77, :type :info, :process :nemesis, :f :start-partition,"
            + " :value \"isolated n2 from n1,n3\"}");
    assertThat(edn("{\"process\": \"setup 1\", \"type\": \"info\", \"f\": \"load data\","
        + " \"time\": 1, \"index\": 40, \"error\": [\"timeout\", 5]}"))
        .as("names that cannot be keywords stay strings; index is ours; extras follow")
        .isEqualTo("{:index 0, :time 1, :type :info, :process \"setup 1\", :f \"load data\","
            + " :value nil, :error [\"timeout\" 5]}");
  }

  @Test
  void indexCountsNonBlankLines() throws Exception {
    String out = EdnExport.toEdn("{\"process\": 0, \"type\": \"invoke\", \"f\": \"read\"}\n\n"
        + "{\"process\": 0, \"type\": \"ok\", \"f\": \"read\", \"value\": 1}\r\n");
    assertThat(out).isEqualTo("{:index 0, :type :invoke, :process 0, :f :read, :value nil}\n"
        + "{:index 1, :type :ok, :process 0, :f :read, :value 1}\n");
    assertThat(EdnExport.toEdn("")).isEmpty();
  }

  @Test
  void malformedLinesAreNamed() {
    String ok = "{\"process\": 0, \"type\": \"invoke\", \"f\": \"read\", \"time\": 1}\n";
    assertThatThrownBy(() -> EdnExport.toEdn(ok + "\n{\"process\": 0, \"type\": \"ok\","))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessageStartingWith("line 3: bad JSON")
        .extracting(e -> ((MalformedHistoryException) e).line()).isEqualTo(3);
    assertThatThrownBy(() -> EdnExport.toEdn(ok + "{\"process\": 0} trailing"))
        .hasMessageStartingWith("line 2: bad JSON");
    assertThatThrownBy(() -> EdnExport.toEdn(ok + "[1, 2]"))
        .hasMessage("line 2: expected a JSON object");
    assertThatThrownBy(() -> EdnExport.toEdn(ok + "{\"process\": 0, \"type\": \"ok\"}"))
        .hasMessage("line 2: \"f\" must be a string");
    assertThatThrownBy(() -> EdnExport.toEdn(
        "{\"process\": 0, \"type\": \"done\", \"f\": \"read\"}"))
        .hasMessageStartingWith("line 1: \"type\" must be one of");
    assertThatThrownBy(() -> EdnExport.toEdn(
        "{\"process\": 1.5, \"type\": \"ok\", \"f\": \"read\"}"))
        .hasMessage("line 1: \"process\" must be an integer or a string");
    assertThatThrownBy(() -> EdnExport.toEdn(
        "{\"process\": 1, \"type\": \"ok\", \"f\": \"read\", \"time\": \"now\"}"))
        .hasMessage("line 1: \"time\" must be an integer");
  }

  @Test
  void overlongLineIsMalformedWithoutReadingItAll() {
    String longLine = "{\"process\": 0, \"value\": \""
        + "x".repeat(HistoryParser.LINE_CHARS_MAX) + "\"}";
    String ok = "{\"process\": 0, \"type\": \"invoke\", \"f\": \"read\", \"time\": 1}\n";
    assertThatThrownBy(() -> EdnExport.toEdn(ok + ok + longLine + "\n" + ok))
        .hasMessage("line 3: line longer than " + HistoryParser.LINE_CHARS_MAX + " chars");
  }

  @Test
  void hundredThousandEventsExportQuickly() throws Exception {
    StringBuilder history = new StringBuilder();
    for (int i = 0; i < 50_000; i++) {
      int p = i % 10;
      history.append("{\"process\": ").append(p).append(", \"type\": \"invoke\", \"f\": \"txn\","
          + " \"value\": [[\"append\", ").append(i % 7).append(", ").append(i)
          .append("], [\"r\", 4, null]], \"time\": ").append(2L * i).append("}\n");
      history.append("{\"process\": ").append(p).append(", \"type\": \"ok\", \"f\": \"txn\","
          + " \"value\": [[\"append\", ").append(i % 7).append(", ").append(i)
          .append("], [\"r\", 4, [1, 2, 3]]], \"time\": ").append(2L * i + 1).append("}\n");
    }
    StringWriter out = new StringWriter();
    long startNanos = System.nanoTime();
    int events = EdnExport.write(new StringReader(history.toString()), out);
    long elapsedMillis = (System.nanoTime() - startNanos) / 1_000_000;
    assertThat(events).isEqualTo(100_000);
    assertThat(out.toString().lines().count()).isEqualTo(100_000);
    assertThat(out.toString().lines().skip(99_999).findFirst().orElseThrow())
        .isEqualTo("{:index 99999, :time 99999, :type :ok, :process 9, :f :txn,"
            + " :value [[:append 5 49999] [:r 4 [1 2 3]]]}");
    // Typically a few hundred ms; the bound is loose because the test machine is shared.
    assertThat(elapsedMillis).as("ms to export 10^5 events").isLessThan(5_000);
  }

  @Test
  void writesFiles(@TempDir Path dir) throws Exception {
    Path in = dir.resolve("history.jsonl");
    Path out = dir.resolve("history.edn");
    Files.writeString(in, "{\"process\": \"nemesis\", \"type\": \"info\", \"f\": \"kill\","
        + " \"value\": \"n1 \u00e9\", \"time\": 3}\n", StandardCharsets.UTF_8);
    EdnExport.write(in, out);
    assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(
        "{:index 0, :time 3, :type :info, :process :nemesis, :f :kill, :value \"n1 \u00e9\"}\n");
  }
}
