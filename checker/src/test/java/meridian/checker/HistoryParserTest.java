package meridian.checker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HistoryParserTest {

  private static History parse(String... lines) throws MalformedHistoryException {
    return HistoryParser.parse(String.join("\n", lines));
  }

  @Test
  void pairsInvokesWithCompletionsPerProcess() throws Exception {
    History h = parse(
        "{\"process\": 0, \"type\": \"invoke\", \"f\": \"write\", \"key\": \"r\", \"value\": 1, \"time\": 1}",
        "{\"process\": 1, \"type\": \"invoke\", \"f\": \"read\", \"key\": \"r\", \"value\": null, \"time\": 2}",
        "{\"process\": 1, \"type\": \"ok\", \"f\": \"read\", \"key\": \"r\", \"value\": 1, \"time\": 3}",
        "{\"process\": 0, \"type\": \"ok\", \"f\": \"write\", \"key\": \"r\", \"value\": 1, \"time\": 4}");
    assertThat(h.operations()).hasSize(2);
    Operation write = h.operations().get(0);
    Operation read = h.operations().get(1);
    assertThat(write.f()).isEqualTo("write");
    assertThat(write.outcome()).isEqualTo(Outcome.OK);
    assertThat(write.invokeAt()).isEqualTo(0);
    assertThat(write.deadlineAt()).isEqualTo(3);
    assertThat(read.value()).as("a read's value is its result").isEqualTo(Value.of(1));
    assertThat(read.completion().orElseThrow().line()).isEqualTo(3);
    assertThat(h.counts()).isEqualTo(new History.Counts(4, 2, 2, 0, 0, 0, 0));
  }

  @Test
  void unterminatedAndInfoAreIndeterminateAndKeepTheInvokedValue() throws Exception {
    History h = parse(
        "{\"process\": 0, \"type\": \"invoke\", \"f\": \"write\", \"value\": 5}",
        "{\"process\": 1, \"type\": \"invoke\", \"f\": \"cas\", \"value\": [5, 6]}",
        "{\"process\": 1, \"type\": \"info\", \"f\": \"cas\", \"value\": \":timed-out\"}",
        "{\"process\": 1, \"type\": \"invoke\", \"f\": \"write\", \"value\": 7}",
        "{\"process\": 1, \"type\": \"fail\", \"f\": \"write\", \"value\": 7}");
    Operation unterminated = h.operations().get(0);
    assertThat(unterminated.outcome()).isEqualTo(Outcome.INDETERMINATE);
    assertThat(unterminated.completion()).isEmpty();
    assertThat(unterminated.deadlineAt()).isEqualTo(Integer.MAX_VALUE);
    assertThat(unterminated.key()).as("no key: single register").isEqualTo(Value.NIL);
    Operation info = h.operations().get(1);
    assertThat(info.outcome()).isEqualTo(Outcome.INDETERMINATE);
    assertThat(info.value()).isEqualTo(Value.fromJson(
        new com.fasterxml.jackson.databind.ObjectMapper().readTree("[5, 6]")));
    assertThat(h.operations().get(2).outcome()).isEqualTo(Outcome.FAIL);
    assertThat(h.counts()).isEqualTo(new History.Counts(5, 3, 0, 1, 2, 1, 0));
    assertThat(unterminated.invoke().time()).as("time defaults to the index").isEqualTo(0);
  }

  @Test
  void duplicateInvokeIsMalformed() {
    assertThatThrownBy(() -> parse(
        "{\"process\": 3, \"type\": \"invoke\", \"f\": \"read\", \"value\": null}",
        "",
        "{\"process\": 3, \"type\": \"invoke\", \"f\": \"write\", \"value\": 1}"))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessage("line 3: process 3 invokes again while its invoke on line 1 is in flight")
        .extracting(e -> ((MalformedHistoryException) e).line()).isEqualTo(3);
  }

  @Test
  void completionWithoutInvokeIsMalformedButInfoIsANote() throws Exception {
    assertThatThrownBy(() -> parse("{\"process\": 0, \"type\": \"ok\", \"f\": \"read\"}"))
        .hasMessage("line 1: \"ok\" for process 0, which has no invoke in flight");
    History h = parse("{\"process\": \"nemesis\", \"type\": \"info\", \"f\": \"start\"}");
    assertThat(h.operations()).isEmpty();
    assertThat(h.counts().ignoredInfo()).isEqualTo(1);
  }

  @Test
  void notesAreKeptInOrderApartFromTheOperations() throws Exception {
    History h = parse(
        "{\"process\": \"setup\", \"type\": \"info\", \"f\": \"init\","
            + " \"value\": {\"accounts\": 2}}",
        "{\"process\": 0, \"type\": \"invoke\", \"f\": \"read\", \"value\": null}",
        "{\"process\": \"nemesis\", \"type\": \"info\", \"f\": \"partition\"}",
        "{\"process\": 0, \"type\": \"info\", \"f\": \"read\", \"value\": null}");
    assertThat(h.operations()).singleElement()
        .extracting(Operation::outcome).isEqualTo(Outcome.INDETERMINATE);
    assertThat(h.notes()).extracting(Event::f).containsExactly("init", "partition");
    assertThat(h.notes()).extracting(Event::line).containsExactly(1, 3);
    assertThat(h.notes().get(0).value()).isInstanceOf(Value.Obj.class);
    assertThat(h.counts().ignoredInfo()).isEqualTo(2);
    assertThat(new History(h.operations(), h.counts()).notes()).isEmpty();
  }

  @Test
  void completionMustMatchItsInvoke() {
    assertThatThrownBy(() -> parse(
        "{\"process\": 0, \"type\": \"invoke\", \"f\": \"read\", \"key\": \"a\"}",
        "{\"process\": 0, \"type\": \"ok\", \"f\": \"write\", \"key\": \"a\"}"))
        .hasMessageStartingWith("line 2: completion f \"write\" differs");
    assertThatThrownBy(() -> parse(
        "{\"process\": 0, \"type\": \"invoke\", \"f\": \"read\", \"key\": \"a\"}",
        "{\"process\": 0, \"type\": \"ok\", \"f\": \"read\", \"key\": \"b\"}"))
        .hasMessageStartingWith("line 2: completion key \"b\" differs");
  }

  @Test
  void badLinesNameTheirLine() {
    assertThatThrownBy(() -> parse("{\"process\": 0, \"type\": \"invoke\", \"f\": \"read\"}",
        "{\"process\": 0, \"type\": "))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessageStartingWith("line 2: bad JSON: ");
    assertThatThrownBy(() -> parse("[1, 2]")).hasMessage("line 1: expected a JSON object");
    assertThatThrownBy(() -> parse("{\"type\": \"invoke\", \"f\": \"read\"}"))
        .hasMessage("line 1: \"process\" must be a number or a string");
    assertThatThrownBy(() -> parse("{\"process\": 0, \"type\": \"begin\", \"f\": \"read\"}"))
        .hasMessageStartingWith("line 1: \"type\" must be one of");
    assertThatThrownBy(() -> parse("{\"process\": 0, \"type\": \"invoke\"}"))
        .hasMessage("line 1: \"f\" must be a string");
    assertThatThrownBy(() -> parse(
        "{\"process\": 0, \"type\": \"invoke\", \"f\": \"read\", \"time\": \"noon\"}"))
        .hasMessage("line 1: \"time\" must be an integer");
  }

  @Test
  void okWithoutValueKeepsTheInvokedValueAndNumbersCompareByValue() throws Exception {
    History h = parse(
        "{\"process\": 0, \"type\": \"invoke\", \"f\": \"write\", \"key\": 7, \"value\": 3.0}",
        "{\"process\": 0, \"type\": \"ok\", \"f\": \"write\"}",
        "{\"process\": 1, \"type\": \"invoke\", \"f\": \"txn\", \"key\": 7,"
            + " \"value\": [[\"r\", 1, null], [\"append\", 1, 2]]}");
    assertThat(h.operations().get(0).value()).isEqualTo(Value.of(3));
    assertThat(h.operations().get(0).key()).isEqualTo(Value.of(7));
    assertThat(h.operations().get(1).value()).isInstanceOf(Value.Seq.class);
    assertThat(Value.fromJson(new com.fasterxml.jackson.databind.ObjectMapper().readTree("1.50")))
        .isEqualTo(Value.number(new java.math.BigDecimal("1.5")));
  }
}
