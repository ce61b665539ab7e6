package meridian.server.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import meridian.server.shell.StatementSplitter.Kind;
import meridian.server.shell.StatementSplitter.Piece;
import org.junit.jupiter.api.Test;

class StatementSplitterTest {
  private static List<String> texts(String input) throws SplitException {
    return StatementSplitter.split(input).stream().map(Piece::text).toList();
  }

  @Test
  void cutsAtSemicolonsAndDropsThem() throws SplitException {
    assertThat(texts("SELECT 1; SELECT 2;\nSELECT 3 ;")).containsExactly("SELECT 1", "SELECT 2", "SELECT 3");
  }

  @Test
  void theLastStatementNeedsNoSemicolon() throws SplitException {
    assertThat(texts("INSERT INTO t VALUES (1); SELECT * FROM t")).containsExactly("INSERT INTO t VALUES (1)", "SELECT * FROM t");
  }

  @Test
  void semicolonsInsideStringsIdentifiersAndCommentsDoNotCut() throws SplitException {
    assertThat(texts("SELECT 'a;b', 'it''s; here' FROM t;")).containsExactly("SELECT 'a;b', 'it''s; here' FROM t");
    assertThat(texts("SELECT \"odd;name\", \"say \"\"hi;\"\"\" FROM t;"))
        .containsExactly("SELECT \"odd;name\", \"say \"\"hi;\"\"\" FROM t");
    assertThat(texts("SELECT 1 -- no; cut\n, 2;")).containsExactly("SELECT 1 -- no; cut\n, 2");
    assertThat(texts("SELECT /* a; b */ 1; SELECT 2;")).containsExactly("SELECT /* a; b */ 1", "SELECT 2");
  }

  @Test
  void quotesInsideCommentsAndCommentMarksInsideStringsAreText() throws SplitException {
    assertThat(texts("SELECT 1 -- it's\n; SELECT '--not a comment;'; /* \" */ SELECT 3;"))
        .containsExactly("SELECT 1 -- it's", "SELECT '--not a comment;'", "SELECT 3");
    assertThat(texts("SELECT 10-1; SELECT 4/2;")).containsExactly("SELECT 10-1", "SELECT 4/2");
  }

  @Test
  void leadingCommentsAndBlanksAreDroppedAndEmptyStatementsSkipped() throws SplitException {
    assertThat(texts("-- setup\n/* block */\n  SELECT 1;;  ; -- only a comment\n;")).containsExactly("SELECT 1");
    assertThat(texts("  \n -- nothing\n")).isEmpty();
  }

  @Test
  void eachPieceKnowsTheLineItStartsOn() throws SplitException {
    List<Piece> pieces = StatementSplitter.split("SELECT 1;\n\n-- two\nSELECT\n  2;\n'x\ny'; SELECT 4;");
    assertThat(pieces).extracting(Piece::line).containsExactly(1, 4, 6, 7);
  }

  @Test
  void backslashCommandsEndAtTheEndOfTheirLine() throws SplitException {
    List<Piece> pieces = StatementSplitter.split("\\d users\nSELECT 1; \\timing\n  \\q");
    assertThat(pieces).containsExactly(
        new Piece(Kind.COMMAND, "\\d users", 1), new Piece(Kind.SQL, "SELECT 1", 2),
        new Piece(Kind.COMMAND, "\\timing", 2), new Piece(Kind.COMMAND, "\\q", 3));
    assertThat(texts("SELECT E'\\n' ;")).as("a backslash inside a statement is SQL").containsExactly("SELECT E'\\n'");
  }

  @Test
  void unterminatedInputFailsAtTheEndWithTheLineWhereItOpened() {
    assertThatThrownBy(() -> StatementSplitter.split("SELECT 1;\nSELECT 'abc;\nmore"))
        .isInstanceOf(SplitException.class).hasMessage("unterminated quoted string")
        .satisfies(e -> assertThat(((SplitException) e).line()).isEqualTo(2));
    assertThatThrownBy(() -> StatementSplitter.split("SELECT \"x")).hasMessage("unterminated quoted identifier");
    assertThatThrownBy(() -> StatementSplitter.split("SELECT 1 /* open")).hasMessage("unterminated /* comment");
  }

  @Test
  void chunksMaySplitAnywhere() throws SplitException {
    String script = "SELECT 'a''b;c' -- x;y\n, \"q;\" /* m;n */ FROM t; \\d t\nSELECT 5-2; SELECT 1 /* **/;";
    List<Piece> whole = StatementSplitter.split(script);
    for (int size = 1; size <= 5; size++) {
      StatementSplitter splitter = new StatementSplitter();
      List<Piece> pieces = new ArrayList<>();
      for (int i = 0; i < script.length(); i += size) {
        pieces.addAll(splitter.feed(script.substring(i, Math.min(script.length(), i + size))));
      }
      pieces.addAll(splitter.finish());
      assertThat(pieces).as("chunks of %d", size).isEqualTo(whole);
    }
    assertThat(whole).extracting(Piece::text)
        .containsExactly("SELECT 'a''b;c' -- x;y\n, \"q;\" /* m;n */ FROM t", "\\d t", "SELECT 5-2", "SELECT 1 /* **/");
  }

  @Test
  void aStatementLongerThanTheLimitFails() throws SplitException {
    StatementSplitter splitter = new StatementSplitter(20);
    assertThat(splitter.feed("SELECT 1; SELECT 2;")).hasSize(2);
    assertThatThrownBy(() -> splitter.feed("\nSELECT 'this is far too long'"))
        .isInstanceOf(SplitException.class).hasMessage("statement longer than 20 characters")
        .satisfies(e -> assertThat(((SplitException) e).line()).isEqualTo(2));
  }

  @Test
  void completenessDecidesWhetherTheShellReadsAnotherLine() {
    assertThat(StatementSplitter.isComplete("")).isTrue();
    assertThat(StatementSplitter.isComplete("SELECT 1;")).isTrue();
    assertThat(StatementSplitter.isComplete("SELECT 1; -- done")).isTrue();
    assertThat(StatementSplitter.isComplete("\\d users")).isTrue();
    assertThat(StatementSplitter.isComplete("SELECT 1")).isFalse();
    assertThat(StatementSplitter.isComplete("SELECT 1 -- not yet;")).isFalse();
    assertThat(StatementSplitter.isComplete("SELECT 'a;\n")).isFalse();
    assertThat(StatementSplitter.isComplete("SELECT 1; /* open")).isFalse();
    assertThat(StatementSplitter.isComplete("SELECT 1;\nSELECT")).isFalse();
  }
}
