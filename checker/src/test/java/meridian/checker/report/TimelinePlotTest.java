package meridian.checker.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import meridian.checker.MalformedHistoryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

class TimelinePlotTest {

  private static final long MS = 1_000_000L;

  /** Builds a history line by line; times in ms. */
  private static final class History {
    final StringBuilder text = new StringBuilder();

    History op(int process, String type, String f, long timeMs) {
      text.append("{\"process\": ").append(process).append(", \"type\": \"").append(type)
          .append("\", \"f\": \"").append(f).append("\", \"key\": 1, \"value\": null, \"time\": ")
          .append(timeMs * MS).append("}\n");
      return this;
    }

    History note(String f, String value, long timeMs) {
      text.append("{\"process\": \"nemesis\", \"type\": \"info\", \"f\": \"").append(f)
          .append("\", \"value\": \"").append(value).append("\", \"time\": ")
          .append(timeMs * MS).append("}\n");
      return this;
    }

    String svg(String title) throws Exception {
      return TimelinePlot.render(new StringReader(text.toString()), title);
    }
  }

  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    return factory.newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<Element> elements(Node root, String tag) {
    NodeList nodes = root instanceof Document d
        ? d.getElementsByTagName(tag) : ((Element) root).getElementsByTagName(tag);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add((Element) nodes.item(i));
    }
    return out;
  }

  private static Element group(Document doc, String cls) {
    return elements(doc, "g").stream().filter(g -> g.getAttribute("class").equals(cls))
        .findFirst().orElseThrow(() -> new AssertionError("no <g class=\"" + cls + "\">"));
  }

  private static List<String> texts(Document doc) {
    return elements(doc, "text").stream().map(Element::getTextContent).toList();
  }

  private static History small() {
    return new History()
        .op(0, "invoke", "read", 100).op(0, "ok", "read", 102)
        .op(1, "invoke", "read", 150).op(1, "fail", "read", 450)
        .note("start-partition", "isolated n2 from n1,n3", 500)
        .op(2, "invoke", "read", 600).op(2, "info", "read", 1600)
        .op(0, "invoke", "read", 700).op(0, "ok", "read", 700)
        .op(1, "invoke", "read", 800)
        .note("transfer-leader", "n1 -> n3", 900)
        .note("stop-partition", "healed", 1200)
        .op(3, "invoke", "read", 1300).op(3, "ok", "read", 1310);
  }

  @Test
  void smallHistoryHasDotsBandsAxesAndTitle() throws Exception {
    Document doc = parse(small().svg("register / partition, 3 nodes"));
    assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
    assertThat(elements(doc, "script")).isEmpty();
    assertThat(elements(group(doc, "dots ok"), "circle")).hasSize(3);
    assertThat(elements(group(doc, "dots fail"), "circle")).hasSize(1);
    assertThat(elements(group(doc, "dots info"), "circle")).hasSize(1);
    List<Element> never = elements(group(doc, "dots never-completed"), "circle");
    assertThat(never).hasSize(1);
    assertThat(Double.parseDouble(never.get(0).getAttribute("cy")))
        .as("never completed: on the top edge").isEqualTo(TimelinePlot.LATENCY_TOP);

    List<Element> bands = elements(doc, "rect").stream()
        .filter(r -> r.getAttribute("class").equals("fault")).toList();
    assertThat(bands).as("one band per panel").hasSize(2);
    assertThat(bands.get(0).getTextContent()).contains("partition").contains("isolated n2");
    List<Element> instants = elements(doc, "line").stream()
        .filter(l -> l.getAttribute("class").equals("instant")).toList();
    assertThat(instants).hasSize(2);
    assertThat(texts(doc)).contains("register / partition, 3 nodes", "partition",
        "transfer-leader", "latency (ms, log scale)", "time since start (s)",
        "completed ops/s (50 ms buckets)");
    assertThat(texts(doc)).filteredOn(s -> s.startsWith("6 operations:")).singleElement()
        .asString().contains("3 ok, 1 fail, 1 info, 1 never completed")
        .contains("1 fault intervals, 1 instantaneous notes");
    assertThat(elements(doc, "polyline")).extracting(p -> p.getAttribute("class"))
        .containsExactly("rate ok", "rate info", "rate fail");
  }

  @Test
  void bandsSpanTheirFaultAndAnUnmatchedStartRunsToTheEnd() throws Exception {
    History h = new History()
        .op(0, "invoke", "read", 0).op(0, "ok", "read", 1)
        .note("start-kill", "n1", 2_000)
        .note("start-kill", "n2", 3_000)
        .note("stop-pause", "no start", 3_500)
        .op(0, "invoke", "read", 5_000).op(0, "ok", "read", 10_000);
    Document doc = parse(h.svg("kills"));
    List<Element> bands = elements(doc, "rect").stream()
        .filter(r -> r.getAttribute("class").equals("fault")).toList();
    assertThat(bands).hasSize(2);
    Element band = bands.get(0);
    double x0 = Double.parseDouble(band.getAttribute("x"));
    double width = Double.parseDouble(band.getAttribute("width"));
    // The time axis runs 0..10 s over LEFT..RIGHT.
    double pxPerSecond = (TimelinePlot.RIGHT - TimelinePlot.LEFT) / 10;
    assertThat(x0).isCloseTo(TimelinePlot.LEFT + 2 * pxPerSecond, org.assertj.core.data.Offset
        .offset(0.1));
    assertThat(width).as("from the first start to the last event")
        .isCloseTo(8 * pxPerSecond, org.assertj.core.data.Offset.offset(0.2));
    assertThat(band.getTextContent()).contains("never stopped").contains("n1");
    assertThat(texts(doc)).contains("kill", "stop-pause");
  }

  @Test
  void aNoteIsAnyEventOfANamedProcessButAnInvoke() throws Exception {
    History h = new History().op(0, "invoke", "read", 0).op(0, "ok", "read", 1);
    h.text.append("{\"process\": \"nemesis\", \"type\": \"invoke\", \"f\": \"start-pause\","
        + " \"time\": 100000000}\n");
    h.note("start-pause", "n3", 200).note("stop-pause", "n3", 300);
    Document doc = parse(h.svg("pause"));
    List<Element> bands = elements(doc, "rect").stream()
        .filter(r -> r.getAttribute("class").equals("fault")).toList();
    assertThat(bands).hasSize(2);
    assertThat(bands.get(0).getTextContent()).startsWith("pause 0.200 s to 0.300 s: n3");
  }

  @Test
  void fewKindsOfFGetShapesAndALegend() throws Exception {
    History h = new History()
        .op(0, "invoke", "read", 0).op(0, "ok", "read", 1)
        .op(0, "invoke", "write", 2).op(0, "ok", "write", 5)
        .op(0, "invoke", "cas", 6).op(0, "fail", "cas", 9);
    Document doc = parse(h.svg("shapes"));
    Element ok = group(doc, "dots ok");
    assertThat(elements(ok, "circle")).hasSize(1);
    assertThat(elements(ok, "rect")).hasSize(1);
    assertThat(elements(group(doc, "dots fail"), "polygon")).hasSize(1);
    assertThat(texts(doc)).contains("f read", "f write", "f cas", "ok", "fail");
  }

  @Test
  void manyKindsOfFAreAllCircles() throws Exception {
    History h = new History();
    for (int i = 0; i < 8; i++) {
      h.op(0, "invoke", "f" + i, 10 * i).op(0, "ok", "f" + i, 10 * i + 1);
    }
    Document doc = parse(h.svg("many"));
    assertThat(elements(group(doc, "dots ok"), "circle")).hasSize(8);
    assertThat(texts(doc)).contains("8 kinds of f, not told apart");
  }

  @Test
  void emptyHistorySaysNoOperations() throws Exception {
    for (String history : new String[] {"", "\n\n",
        "{\"process\": \"nemesis\", \"type\": \"info\", \"f\": \"start-kill\", \"time\": 1}\n"}) {
      Document doc = parse(TimelinePlot.render(new StringReader(history), "empty <run> & co"));
      assertThat(texts(doc)).contains("no operations", "empty <run> & co");
    }
  }

  @Test
  void largeHistoryIsSampledDeterministically() throws Exception {
    StringBuilder text = new StringBuilder();
    int ops = 30_000;
    for (int i = 0; i < ops; i++) {
      int p = i % 8;
      String end = i % 1_000 == 0 ? "fail" : "ok";
      text.append("{\"process\": ").append(p).append(", \"type\": \"invoke\", \"f\": \"w\","
          + " \"time\": ").append(i * 100_000L).append("}\n");
      text.append("{\"process\": ").append(p).append(", \"type\": \"").append(end)
          .append("\", \"f\": \"w\", \"time\": ").append(i * 100_000L + 50_000 + i % 97 * 1000)
          .append("}\n");
    }
    String svg = TimelinePlot.render(new StringReader(text.toString()), "big", 1_000);
    assertThat(TimelinePlot.render(new StringReader(text.toString()), "big", 1_000))
        .isEqualTo(svg);
    Document doc = parse(svg);
    assertThat(elements(group(doc, "dots fail"), "circle")).as("rare outcomes drawn whole")
        .hasSize(30);
    int okDots = elements(group(doc, "dots ok"), "circle").size();
    // 29,970 ok thinned to about 1 in 31 (the budget left after the fails), at most 967.
    assertThat(okDots).isBetween(870, 967);
    assertThat(texts(doc)).filteredOn(s -> s.contains("operations drawn")).singleElement()
        .asString().startsWith(String.format(java.util.Locale.ROOT, "%,d", okDots + 30)
            + " of 30,000 operations drawn: about 1 in 31 ok")
        .contains("all fail").endsWith("throughput counts all");
  }

  @Test
  void samplingDoesNotAliasWithACyclicWorkload() throws Exception {
    History h = new History();
    String[] fs = {"read", "write", "cas"};
    for (int i = 0; i < 3_000; i++) {
      h.op(0, "invoke", fs[i % 3], 2 * i).op(0, "ok", fs[i % 3], 2 * i + 1);
    }
    String svg = TimelinePlot.render(new StringReader(h.text.toString()), "cycle", 1_000);
    Element ok = group(parse(svg), "dots ok");
    // Every 3rd operation would be all reads (circles); a hash keeps each kind near a third.
    assertThat(elements(ok, "circle")).hasSizeBetween(250, 420);
    assertThat(elements(ok, "rect")).hasSizeBetween(250, 420);
    assertThat(elements(ok, "polygon")).hasSizeBetween(250, 420);
    assertThat(elements(ok, "circle").size() + elements(ok, "rect").size()
        + elements(ok, "polygon").size()).isLessThanOrEqualTo(1_000);
  }

  @Test
  void malformedHistoryNamesTheLine() {
    assertThatThrownBy(() -> TimelinePlot.render(new StringReader(
        "{\"process\": 0, \"type\": \"invoke\", \"f\": \"read\", \"time\": 1}\n"
            + "{\"process\": 0, \"type\": \"ok\", \"f\": \"read\"}\n"), "t"))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessage("line 2: a timeline needs \"time\" on every event");
    assertThatThrownBy(() -> TimelinePlot.render(new StringReader(
        "{\"process\": 0, \"type\": \"invoke\", \"f\": \"read\", \"time\": 1}\n"
            + "{\"process\": 0, \"type\": \"invoke\", \"f\": \"read\", \"time\": 2}\n"), "t"))
        .hasMessageStartingWith("line 2: process 0 invokes again");
  }

  @Test
  void writesAFile(@TempDir Path dir) throws Exception {
    Path in = dir.resolve("history.jsonl");
    Path out = dir.resolve("timeline.svg");
    Files.writeString(in, small().text.toString());
    TimelinePlot.render(in, "file", out);
    assertThat(parse(Files.readString(out)).getDocumentElement().getAttribute("width"))
        .isEqualTo("1000");
  }
}
