package meridian.server.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class FormatterTest {
  private static final List<Column> COLUMNS = List.of(new Column("id", true), new Column("name", false), new Column("note", false));

  private static String printed(Consumer<PrintWriter> print) {
    StringWriter text = new StringWriter();
    try (PrintWriter out = new PrintWriter(text)) {
      print.accept(out);
    }
    return text.toString().replace(System.lineSeparator(), "\n");
  }

  @Test
  void aTableAlignsColumnsUnderACentredHeaderWithNumbersOnTheRight() {
    List<String[]> rows = List.of(new String[] {"1", "alice", "NULL is a word"}, new String[] {"100", "bob", null});
    assertThat(printed(out -> new TableFormatter().print(COLUMNS, rows, out))).isEqualTo("""
         id  | name  |      note
        -----+-------+----------------
           1 | alice | NULL is a word
         100 | bob   | NULL
        """);
  }

  @Test
  void wideCharactersTakeTwoColumns() {
    List<Column> columns = List.of(new Column("city", false), new Column("n", true));
    List<String[]> rows = List.of(new String[] {"東京", "1"}, new String[] {"Zürich", "2"});
    assertThat(printed(out -> new TableFormatter().print(columns, rows, out))).isEqualTo("""
          city  | n
        --------+---
         東京   | 1
         Zürich | 2
        """);
  }

  @Test
  void longValuesAreCutAndControlCharactersShown() {
    assertThat(CellText.fit("abcdefghij", 8)).isEqualTo("abcde...");
    assertThat(CellText.fit("abcdefgh", 8)).isEqualTo("abcdefgh");
    assertThat(CellText.fit("東京東京東京", 8)).as("a wide character is not split").isEqualTo("東京...");
    assertThat(CellText.fit("a\nb\tc\u001b", 20)).isEqualTo("a\\nb\\tc\\x1b");
    assertThat(CellText.width("e\u0301")).as("a combining accent takes no column").isEqualTo(1);

    List<String[]> rows = List.<String[]>of(new String[] {"1", "x".repeat(100), "line\nbreak"});
    assertThat(printed(out -> new TableFormatter(10).print(COLUMNS, rows, out))).isEqualTo("""
         id |    name    |    note
        ----+------------+------------
          1 | xxxxxxx... | line\\nb...
        """);
  }

  @Test
  void expandedDisplayPrintsOneLinePerColumn() {
    List<String[]> rows = List.of(new String[] {"1", "alice", null}, new String[] {"2", "bob", "hi"});
    assertThat(printed(out -> new TableFormatter().printExpanded(COLUMNS, rows, 1, out))).isEqualTo("""
        -[ RECORD 1 ]
        id   | 1
        name | alice
        note | NULL
        -[ RECORD 2 ]
        id   | 2
        name | bob
        note | hi
        """);
  }

  @Test
  void csvQuotesWhatItMustAndKeepsNullApartFromEmpty() {
    DelimitedFormatter csv = new DelimitedFormatter(OutputFormat.CSV);
    String text = printed(out -> {
      csv.printHeader(COLUMNS, out);
      csv.printRow(new String[] {"1", "a,b", "say \"hi\""}, out);
      csv.printRow(new String[] {"2", "", null}, out);
      csv.printRow(new String[] {"3", "two\nlines", "plain"}, out);
    });
    assertThat(text).isEqualTo("id,name,note\n1,\"a,b\",\"say \"\"hi\"\"\"\n2,\"\",\n3,\"two\nlines\",plain\n");
  }

  @Test
  void tsvEscapesTabsNewlinesAndBackslashes() {
    DelimitedFormatter tsv = new DelimitedFormatter(OutputFormat.TSV);
    String text = printed(out -> {
      tsv.printHeader(COLUMNS, out);
      tsv.printRow(new String[] {"1", "a\tb", null}, out);
      tsv.printRow(new String[] {"2", "c\\d\ne", ""}, out);
    });
    assertThat(text).isEqualTo("id\tname\tnote\n1\ta\\tb\t\\N\n2\tc\\\\d\\ne\t\n");
  }

  @Test
  void formatNamesParseInAnyCase() {
    assertThat(OutputFormat.parse("CSV")).isEqualTo(OutputFormat.CSV);
    assertThat(OutputFormat.parse(" tsv ")).isEqualTo(OutputFormat.TSV);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> OutputFormat.parse("xml")).hasMessageContaining("table, csv or tsv");
  }
}
